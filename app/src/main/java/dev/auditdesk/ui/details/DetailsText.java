package dev.auditdesk.ui.details;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.details.DetailsViewModel.DiffRow;
import dev.auditdesk.ui.details.DetailsViewModel.Field;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The details pane's wording of one event: its labelled fields, its diff with secrets hidden, its
 * additional fields, its raw JSON (redacted) and the absolute link to the resource.
 */
final class DetailsText {

  private DetailsText() {}

  static List<Field> fieldsOf(AuditEvent e, AuditAction action, ZoneId zone) {
    DateTimeFormatter local = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss.SSS zzz");
    DateTimeFormatter utc = DateTimeFormatter.ISO_INSTANT;
    List<Field> f = new ArrayList<>();
    f.add(new Field(Messages.get("details.field.time"), local.format(e.time().atZone(zone))));
    f.add(
        new Field(
            Messages.get("details.field.timeUtc"), utc.format(e.time().atOffset(ZoneOffset.UTC))));
    f.add(new Field(Messages.get("details.field.user"), who(e)));
    if (!e.actor().email().isEmpty()) {
      f.add(new Field(Messages.get("details.field.email"), e.actor().email()));
    }
    f.add(
        new Field(
            Messages.get("details.field.action"),
            action.known() ? action.verb() + " (" + e.action() + ")" : action.verb()));
    f.add(
        new Field(
            Messages.get("details.field.resourceType"),
            e.resourceType().isEmpty()
                ? ResourceTypes.label(e.resourceType())
                : ResourceTypes.label(e.resourceType()) + " (" + e.resourceType() + ")"));
    f.add(new Field(Messages.get("details.field.resourceTarget"), orNone(e.resourceTarget())));
    f.add(new Field(Messages.get("details.field.resourceId"), orNone(e.resourceId())));
    f.add(
        new Field(
            Messages.get("details.field.status"),
            e.statusCode() == 0
                ? Messages.get("details.none")
                : e.failed()
                    ? Messages.get("details.status.failed", Integer.toString(e.statusCode()))
                    : Integer.toString(e.statusCode())));
    f.add(new Field(Messages.get("details.field.ip"), orNone(e.ip())));
    f.add(
        new Field(
            Messages.get("details.field.organization"),
            e.organization().isKnown() ? e.organization().label() : Messages.get("details.none")));
    f.add(new Field(Messages.get("details.field.requestId"), orNone(e.requestId())));
    f.add(new Field(Messages.get("details.field.userAgent"), orNone(e.userAgent())));
    if (!e.buildReason().isEmpty()) {
      f.add(new Field(Messages.get("details.field.buildReason"), e.buildReason()));
    }
    if (e.deleted()) {
      f.add(new Field(Messages.get("details.field.deleted"), Messages.get("details.deleted.yes")));
    }
    f.add(new Field(Messages.get("details.field.eventId"), e.id()));
    return f;
  }

  static String who(AuditEvent e) {
    if (e.actor().isSystem()) {
      return e.buildReason().isEmpty()
          ? Messages.get("details.user.system")
          : Messages.get("details.user.systemReason", e.buildReason());
    }
    String name = e.actor().name();
    String user = e.actor().username().isEmpty() ? e.actor().id() : e.actor().username();
    return name.isEmpty() || name.equals(user) ? user : name + " (" + user + ")";
  }

  private static String orNone(String s) {
    return s.isEmpty() ? Messages.get("details.none") : s;
  }

  static List<DiffRow> diffOf(AuditEvent e) {
    List<DiffRow> rows = new ArrayList<>();
    String hidden = Messages.get("details.diff.hidden");
    for (FieldChange c : e.diff()) {
      rows.add(
          c.secret()
              ? new DiffRow(c.field(), hidden, hidden, true)
              : new DiffRow(c.field(), jsonText(c.oldJson()), jsonText(c.newJson()), false));
    }
    return rows;
  }

  static List<Field> additionalOf(AuditEvent e) {
    List<Field> rows = new ArrayList<>();
    try {
      JsonNode n = AuditEventJson.mapper().readTree(e.additionalFieldsJson());
      if (n != null && n.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> f = it.next();
          rows.add(new Field(f.getKey(), nodeText(f.getValue())));
        }
      }
    } catch (JsonProcessingException ex) {
      rows.add(new Field(Messages.get("details.additional.unreadable"), e.additionalFieldsJson()));
    }
    return rows;
  }

  /**
   * The workspace an event is on: a workspace's own name, else the {@code workspace_name} Coder
   * adds to builds, agents and apps; "" when the event is not on a workspace.
   */
  static String workspaceOf(AuditEvent e) {
    if (e.resourceType().equals("workspace")) {
      return e.resourceTarget();
    }
    if (!e.resourceType().startsWith("workspace_")) {
      return "";
    }
    return additionalOf(e).stream()
        .filter(f -> f.label().equals("workspace_name"))
        .map(Field::value)
        .filter(v -> !v.isBlank() && !v.equals(Messages.get("details.none")))
        .findFirst()
        .orElse("");
  }

  /** A JSON value as a person reads it: strings without quotes, null and "" as an em dash. */
  static String jsonText(String json) {
    try {
      return nodeText(AuditEventJson.mapper().readTree(json));
    } catch (JsonProcessingException ex) {
      return json;
    }
  }

  private static String nodeText(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return Messages.get("details.none");
    }
    if (v.isTextual()) {
      return v.asText().isEmpty() ? Messages.get("details.emptyText") : v.asText();
    }
    return v.toString();
  }

  /** Pretty JSON of the original event; values of secret diff entries become "hidden". */
  static String prettyRedacted(AuditEvent e) {
    String raw = e.rawJson();
    if (raw.isEmpty()) {
      return "";
    }
    try {
      JsonNode n = AuditEventJson.mapper().readTree(raw);
      JsonNode d = n.get("diff");
      if (d != null && d.isObject()) {
        d.fields()
            .forEachRemaining(
                f -> {
                  if (f.getValue() instanceof ObjectNode c && c.path("secret").asBoolean(false)) {
                    String hidden = Messages.get("details.diff.hidden");
                    if (c.has("old")) {
                      c.put("old", hidden);
                    }
                    if (c.has("new")) {
                      c.put("new", hidden);
                    }
                  }
                });
      }
      return AuditEventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
    } catch (JsonProcessingException ex) {
      // Unparseable raw text could hold anything, including a secret: show nothing rather than
      // guess.
      return Messages.get("details.raw.unreadable");
    }
  }

  /** Coder sends links relative to the deployment ("/@alice/ws"); make them absolute. */
  static String resolveLink(AuditEvent e, Deployment d) {
    if (e == null || e.resourceLink().isEmpty()) {
      return "";
    }
    try {
      URI u = URI.create(e.resourceLink().trim());
      if (u.isAbsolute()) {
        return "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())
            ? u.toString()
            : "";
      }
      if (d == null) {
        return "";
      }
      String base = d.url().toString();
      String path = e.resourceLink().trim();
      return base + (path.startsWith("/") ? path : "/" + path);
    } catch (IllegalArgumentException ex) {
      return "";
    }
  }
}
