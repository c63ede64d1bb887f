package dev.auditdesk.export;

import dev.auditdesk.model.AuditQuery;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** A query in Coder's search language, for manifests and report titles. */
final class CoderQueryText {

  private CoderQueryText() {}

  static String of(AuditQuery q) {
    StringBuilder b = new StringBuilder();
    terms(b, "resource_type", q.resourceTypes());
    terms(b, "action", q.actions());
    terms(b, "resource_target", q.resourceTargets());
    terms(b, "username", q.users());
    terms(b, "email", q.emails());
    terms(b, "organization", q.organizations());
    terms(b, "build_reason", q.buildReasons());
    term(b, "resource_id", q.resourceId());
    term(b, "request_id", q.requestId());
    DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    if (q.range().hasFrom()) {
      term(b, "date_from", day.format(q.range().from()));
    }
    if (q.range().hasTo()) {
      term(b, "date_to", day.format(q.range().to().minusNanos(1)));
    }
    if (!q.text().isEmpty()) {
      append(b, quote(q.text()));
    }
    return b.toString();
  }

  private static void terms(StringBuilder b, String key, Set<String> values) {
    values.forEach(v -> term(b, key, v));
  }

  private static void term(StringBuilder b, String key, String value) {
    if (!value.isEmpty()) {
      append(b, key + ":" + quote(value));
    }
  }

  private static void append(StringBuilder b, String s) {
    if (b.length() > 0) {
      b.append(' ');
    }
    b.append(s);
  }

  private static String quote(String v) {
    return v.chars().anyMatch(Character::isWhitespace) || v.contains("\"")
        ? "\"" + v.replace("\"", "\\\"") + "\""
        : v;
  }
}
