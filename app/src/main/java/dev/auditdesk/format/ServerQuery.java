package dev.auditdesk.format;

import dev.auditdesk.format.CoderQuery.QueryParseException;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What to send to a Coder server for a query: one or more {@code q} strings whose results,
 * together, contain every matching event. When {@code exact} is false the server answers with more
 * than the query matches (each reason in {@code approximations}), so filter locally too. Coder's
 * own dialect of the search language lives here: {@link #of} writes it, {@link #parseTerms} reads
 * it as a Coder server does.
 */
public record ServerQuery(List<String> queries, boolean exact, List<String> approximations) {

  private static final int MAX_SERVER_QUERIES = 64;

  public ServerQuery {
    queries = List.copyOf(queries);
    approximations = List.copyOf(approximations);
  }

  /**
   * The query as Coder itself understands it. Coder has no OR, so a query with several values for a
   * key becomes several {@code q} strings (their union is the answer); what Coder cannot express at
   * all (free text, a time of day, values with a double quote) is left out and the result marked
   * inexact.
   */
  public static ServerQuery of(AuditQuery q) {
    List<String> approximations = new ArrayList<>();
    Map<String, List<String>> multi = new LinkedHashMap<>();
    multi.put("resource_type", expressible("resource_type", q.resourceTypes(), approximations));
    multi.put(
        "resource_target", expressible("resource_target", q.resourceTargets(), approximations));
    multi.put("action", expressible("action", q.actions(), approximations));
    multi.put("username", expressible("username", q.users(), approximations));
    multi.put("email", expressible("email", q.emails(), approximations));
    multi.put("build_reason", expressible("build_reason", q.buildReasons(), approximations));
    multi.put("organization", expressible("organization", q.organizations(), approximations));

    long combos = 1;
    for (List<String> v : multi.values()) {
      combos *= Math.max(1, v.size());
    }
    while (combos > MAX_SERVER_QUERIES) {
      String widest = null;
      for (Map.Entry<String, List<String>> e : multi.entrySet()) {
        if (widest == null || e.getValue().size() > multi.get(widest).size()) {
          widest = e.getKey();
        }
      }
      combos /= multi.get(widest).size();
      approximations.add(
          "Too many combinations: the " + widest + " filter is applied by AuditDesk only.");
      multi.put(widest, List.of());
    }

    List<String> fixed = new ArrayList<>();
    serverSingle(fixed, "resource_id", q.resourceId(), approximations);
    DateRange r = q.range();
    if (r.hasFrom()) {
      if (!CoderQuery.dayAligned(r.from())) {
        approximations.add("Coder searches whole days: the start time is applied by AuditDesk.");
      }
      fixed.add("date_from:" + CoderQuery.day(r.from().truncatedTo(ChronoUnit.DAYS)));
    }
    if (r.hasTo()) {
      if (!CoderQuery.dayAligned(r.to())) {
        approximations.add("Coder searches whole days: the end time is applied by AuditDesk.");
      }
      fixed.add("date_to:" + CoderQuery.day(r.to().minusNanos(1).truncatedTo(ChronoUnit.DAYS)));
    }
    serverSingle(fixed, "request_id", q.requestId(), approximations);
    if (!q.text().isEmpty()) {
      approximations.add("Coder has no free-text search: the text filter is applied by AuditDesk.");
    }
    if (!q.ids().isEmpty()) {
      approximations.add("Coder cannot search by event id: the id filter is applied by AuditDesk.");
    }

    List<List<String>> partial = new ArrayList<>();
    partial.add(List.of());
    for (Map.Entry<String, List<String>> e : multi.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<List<String>> next = new ArrayList<>();
      for (List<String> p : partial) {
        for (String v : e.getValue()) {
          List<String> n = new ArrayList<>(p);
          n.add(e.getKey() + ":" + coderQuote(v));
          next.add(n);
        }
      }
      partial = next;
    }
    List<String> queries = new ArrayList<>();
    for (List<String> p : partial) {
      List<String> terms = new ArrayList<>();
      // Keep Coder's key order: facets first, then ids and dates.
      terms.addAll(p);
      terms.addAll(fixed);
      queries.add(String.join(" ", terms));
    }
    return new ServerQuery(queries, approximations.isEmpty(), approximations);
  }

  /** The deployment's own audit page showing (roughly) the same events, for "Open in Coder". */
  public static URI auditPageLink(URI deployment, AuditQuery q) {
    String first = of(q).queries().get(0);
    String base = deployment.toString().replaceAll("/+$", "") + "/audit";
    return URI.create(
        first.isEmpty()
            ? base
            : base
                + "?filter="
                + URLEncoder.encode(first, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static List<String> expressible(
      String key, Set<String> values, List<String> approximations) {
    List<String> ok = new ArrayList<>();
    for (String v : values) {
      if (v.isEmpty() || v.indexOf('"') >= 0) {
        approximations.add(
            "Coder cannot search " + key + " for \"" + v + "\": AuditDesk applies that filter.");
        return List.of();
      }
      ok.add(v);
    }
    return ok;
  }

  private static void serverSingle(
      List<String> terms, String key, String value, List<String> approximations) {
    if (value.isEmpty()) {
      return;
    }
    if (value.indexOf('"') >= 0) {
      approximations.add("Coder cannot search " + key + " for that value: AuditDesk applies it.");
      return;
    }
    terms.add(key + ":" + coderQuote(value));
  }

  /** Coder's quoting: plain double quotes around values with spaces or colons, no escapes. */
  private static String coderQuote(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || c == ':') {
        return '"' + v + '"';
      }
    }
    return v;
  }

  /**
   * Reads a {@code q} string the way a Coder server does (lower-cased, no commas or escapes, dates
   * only as {@code YYYY-MM-DD}) into key → value. The demo server uses it to answer like Coder.
   */
  public static Map<String, String> parseTerms(String text) throws QueryParseException {
    Map<String, String> out = new LinkedHashMap<>();
    for (QueryTerms.Term t :
        QueryTerms.terms(text == null ? "" : text.toLowerCase(Locale.ROOT), true)) {
      if (!CoderQuery.CODER_KEYS.contains(t.key())) {
        throw new QueryParseException(
            t.key(), "Query param \"" + t.key() + "\" is not a valid query param");
      }
      if (out.containsKey(t.key())) {
        throw new QueryParseException(
            t.key(), "Query param \"" + t.key() + "\" provided more than once");
      }
      String v = t.rawValue().replace("\"", "");
      if (t.key().startsWith("date_")) {
        try {
          LocalDate.parse(v);
        } catch (DateTimeParseException e) {
          throw new QueryParseException(
              t.key(),
              "Query param \""
                  + t.key()
                  + "\" must be a valid date format (2006-01-02): parsing time \""
                  + v
                  + "\"");
        }
      }
      out.put(t.key(), v);
    }
    return out;
  }
}
