package dev.auditdesk.ui.details;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.model.VisibleText;
import dev.auditdesk.ui.common.Messages;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Everything the details pane shows about the selected event, as text ready to display. Values of
 * secret diff fields never enter this model: they are replaced by "hidden" here, so no view,
 * tooltip or copy can reach them.
 */
public final class DetailsViewModel {

  /** One labelled value of the event. */
  public record Field(String label, String value) {
    public Field {
      label = VisibleText.of(label);
      value = VisibleText.of(value);
    }
  }

  /** One row of the diff table; for a secret field both values are the word "hidden". */
  public record DiffRow(String field, String oldValue, String newValue, boolean secret) {
    public DiffRow {
      field = VisibleText.of(field);
      oldValue = VisibleText.of(oldValue);
      newValue = VisibleText.of(newValue);
    }
  }

  static final Duration RELATED_USER_WINDOW = Duration.ofHours(1);

  private final ObjectProperty<AuditEvent> event = new SimpleObjectProperty<>(this, "event");
  private final ObjectProperty<Deployment> deployment =
      new SimpleObjectProperty<>(this, "deployment");
  private final ObjectProperty<AuditQuery> query;
  private final Consumer<String> browser;
  private final ZoneId zone;

  private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty", true);
  private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
  private final ReadOnlyStringWrapper actionVerb = new ReadOnlyStringWrapper(this, "actionVerb");
  private final ReadOnlyStringWrapper actionTone = new ReadOnlyStringWrapper(this, "actionTone");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
  private final ReadOnlyStringWrapper rawJson = new ReadOnlyStringWrapper(this, "rawJson", "");
  private final ReadOnlyStringWrapper link = new ReadOnlyStringWrapper(this, "link", "");
  private final ReadOnlyBooleanWrapper hasRequestId = new ReadOnlyBooleanWrapper(this, "hasReq");
  private final ReadOnlyBooleanWrapper hasResource = new ReadOnlyBooleanWrapper(this, "hasRes");
  private final ReadOnlyBooleanWrapper hasUser = new ReadOnlyBooleanWrapper(this, "hasUser");
  private final ObservableList<Field> fields = FXCollections.observableArrayList();
  private final ObservableList<DiffRow> diff = FXCollections.observableArrayList();
  private final ObservableList<Field> additionalFields = FXCollections.observableArrayList();

  /**
   * @param query the window's query model, which "Show related" replaces
   * @param browser opens a web address (the application's HostServices)
   */
  public DetailsViewModel(ObjectProperty<AuditQuery> query, Consumer<String> browser, ZoneId zone) {
    this.query = query;
    this.browser = browser;
    this.zone = zone;
    event.addListener((o, was, now) -> show(now));
    deployment.addListener((o, was, now) -> link.set(resolveLink(event.get(), now)));
  }

  public ObjectProperty<AuditEvent> eventProperty() {
    return event;
  }

  public ObjectProperty<Deployment> deploymentProperty() {
    return deployment;
  }

  public ReadOnlyBooleanProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty headlineProperty() {
    return headline.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty actionVerbProperty() {
    return actionVerb.getReadOnlyProperty();
  }

  /** The badge tone of the action, lower case ("create", "delete", "unknown"...). */
  public ReadOnlyStringProperty actionToneProperty() {
    return actionTone.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  /** The event as the server sent it, pretty-printed, with secret diff values replaced. */
  public ReadOnlyStringProperty rawJsonProperty() {
    return rawJson.getReadOnlyProperty();
  }

  /** The absolute address of the resource in Coder, or "" when the event has none. */
  public ReadOnlyStringProperty linkProperty() {
    return link.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasRequestIdProperty() {
    return hasRequestId.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasResourceProperty() {
    return hasResource.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasUserProperty() {
    return hasUser.getReadOnlyProperty();
  }

  public ObservableList<Field> fields() {
    return fields;
  }

  public ObservableList<DiffRow> diff() {
    return diff;
  }

  public ObservableList<Field> additionalFields() {
    return additionalFields;
  }

  public void openInCoder() {
    if (!link.get().isEmpty()) {
      browser.accept(link.get());
    }
  }

  /** Shows every event caused by the same HTTP request. */
  public void showSameRequest() {
    AuditEvent e = event.get();
    if (e != null && !e.requestId().isEmpty()) {
      query.set(AuditQuery.ALL.withRequestId(e.requestId()));
    }
  }

  /** Shows every event about the same resource (by id, else by type and name). */
  public void showSameResource() {
    AuditEvent e = event.get();
    if (e == null) {
      return;
    }
    if (!e.resourceId().isEmpty()) {
      query.set(AuditQuery.ALL.withResourceId(e.resourceId()));
    } else if (!e.resourceTarget().isEmpty()) {
      query.set(
          AuditQuery.ALL
              .with(Facet.RESOURCE_TARGET, Set.of(e.resourceTarget()))
              .with(Facet.RESOURCE_TYPE, Set.of(e.resourceType())));
    }
  }

  /** Shows what the same user did from an hour before to an hour after this event. */
  public void showSameUserAround() {
    AuditEvent e = event.get();
    if (e == null || e.actor().isSystem()) {
      return;
    }
    DateRange around =
        new DateRange(
            e.time().minus(RELATED_USER_WINDOW), e.time().plus(RELATED_USER_WINDOW).plusNanos(1));
    query.set(AuditQuery.ALL.with(Facet.USER, Set.of(e.actor().username())).withRange(around));
  }

  private void show(AuditEvent e) {
    empty.set(e == null);
    if (e == null) {
      headline.set("");
      actionVerb.set("");
      actionTone.set("");
      status.set("");
      failed.set(false);
      rawJson.set("");
      link.set("");
      hasRequestId.set(false);
      hasResource.set(false);
      hasUser.set(false);
      fields.clear();
      diff.clear();
      additionalFields.clear();
      return;
    }
    AuditAction action = AuditAction.of(e.action());
    headline.set(
        VisibleText.of(
            e.filledDescription().isEmpty()
                ? Messages.get(
                    "details.headline.fallback", who(e), action.verb(), e.resourceTarget())
                : e.filledDescription()));
    actionVerb.set(VisibleText.of(action.verb()));
    actionTone.set(action.tone().name().toLowerCase(Locale.ROOT));
    status.set(e.statusCode() == 0 ? "" : Integer.toString(e.statusCode()));
    failed.set(e.failed());
    link.set(resolveLink(e, deployment.get()));
    hasRequestId.set(!e.requestId().isEmpty());
    hasResource.set(!e.resourceId().isEmpty() || !e.resourceTarget().isEmpty());
    hasUser.set(!e.actor().isSystem());
    fields.setAll(fieldsOf(e, action));
    diff.setAll(diffOf(e));
    additionalFields.setAll(additionalOf(e));
    rawJson.set(VisibleText.inJson(prettyRedacted(e)));
  }

  private List<Field> fieldsOf(AuditEvent e, AuditAction action) {
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

  private static String who(AuditEvent e) {
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

  private static List<Field> additionalOf(AuditEvent e) {
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
