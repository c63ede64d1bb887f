package dev.auditdesk.ui.details;

import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.VisibleText;
import dev.auditdesk.ui.common.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
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
  private final ReadOnlyBooleanWrapper hasWorkspace = new ReadOnlyBooleanWrapper(this, "hasWs");
  private String workspace = "";
  private BiConsumer<String, Instant> showConnections = (w, t) -> {};
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
    deployment.addListener((o, was, now) -> link.set(DetailsText.resolveLink(event.get(), now)));
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

  /** Whether the event is on a workspace, whose connections the window can show. */
  public ReadOnlyBooleanProperty hasWorkspaceProperty() {
    return hasWorkspace.getReadOnlyProperty();
  }

  /** Where "Show connections to this workspace" goes: the workspace's name and the event's time. */
  public void setOnShowConnections(BiConsumer<String, Instant> action) {
    showConnections = action == null ? (w, t) -> {} : action;
  }

  /** Shows the connections to this event's workspace around its time (the connection log). */
  public void showConnections() {
    AuditEvent e = event.get();
    if (e != null && !workspace.isEmpty()) {
      showConnections.accept(workspace, e.time());
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
      workspace = "";
      hasWorkspace.set(false);
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
                    "details.headline.fallback",
                    DetailsText.who(e),
                    action.verb(),
                    e.resourceTarget())
                : e.filledDescription()));
    actionVerb.set(VisibleText.of(action.verb()));
    actionTone.set(action.tone().name().toLowerCase(Locale.ROOT));
    status.set(e.statusCode() == 0 ? "" : Integer.toString(e.statusCode()));
    failed.set(e.failed());
    link.set(DetailsText.resolveLink(e, deployment.get()));
    hasRequestId.set(!e.requestId().isEmpty());
    hasResource.set(!e.resourceId().isEmpty() || !e.resourceTarget().isEmpty());
    hasUser.set(!e.actor().isSystem());
    workspace = DetailsText.workspaceOf(e);
    hasWorkspace.set(!workspace.isEmpty());
    fields.setAll(DetailsText.fieldsOf(e, action, zone));
    diff.setAll(DetailsText.diffOf(e));
    additionalFields.setAll(DetailsText.additionalOf(e));
    rawJson.set(VisibleText.inJson(DetailsText.prettyRedacted(e)));
  }
}
