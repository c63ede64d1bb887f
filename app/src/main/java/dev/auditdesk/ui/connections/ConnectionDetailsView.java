package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.ui.common.Messages;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The pane right of the connection table: every field of the selected connection and its JSON. */
final class ConnectionDetailsView extends StackPane {

  private final ConnectionsViewModel vm;
  private final GridPane fields = new GridPane();
  private final TextArea raw = new TextArea();
  private final Label headline = new Label();
  private final VBox content;

  ConnectionDetailsView(ConnectionsViewModel vm) {
    this.vm = vm;
    setId("conn-details");
    getStyleClass().add("details-pane");
    Label placeholder = new Label(Messages.get("connections.details.placeholder"));
    placeholder.getStyleClass().add("details-placeholder");
    placeholder.setWrapText(true);

    headline.setId("conn-details-headline");
    headline.getStyleClass().add("details-headline");
    headline.setWrapText(true);
    Button audit = new Button(Messages.get("connections.details.showAudit"));
    audit.setId("conn-show-audit");
    audit.setOnAction(e -> vm.showAuditEventsOfSelected());
    audit
        .disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () ->
                    vm.selectedProperty().get() == null
                        || vm.selectedProperty().get().workspaceName().isEmpty(),
                vm.selectedProperty()));
    fields.setId("conn-details-fields");
    fields.setHgap(12);
    fields.setVgap(4);
    raw.setId("conn-details-raw");
    raw.setEditable(false);
    raw.setWrapText(true);
    raw.setPrefRowCount(14);
    raw.getStyleClass().add("raw-json");
    Label rawTitle = new Label(Messages.get("connections.details.raw"));
    rawTitle.getStyleClass().add("details-section-title");
    content = new VBox(10, headline, audit, fields, rawTitle, raw);
    content.getStyleClass().add("details-content");
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    getChildren().addAll(placeholder, scroll);
    placeholder.visibleProperty().bind(vm.selectedProperty().isNull());
    scroll.visibleProperty().bind(vm.selectedProperty().isNotNull());
    vm.selectedProperty().addListener((o, was, now) -> show(now));
    vm.nowProperty().addListener((o, was, now) -> show(vm.selectedProperty().get()));
    show(vm.selectedProperty().get());
  }

  private void show(ConnectionRow r) {
    fields.getChildren().clear();
    if (r == null) {
      headline.setText("");
      raw.setText("");
      return;
    }
    headline.setText(
        Messages.get(
            "connections.details.headline",
            r.username(),
            ConnectionText.type(r),
            r.workspaceOwnerUsername(),
            r.workspaceName()));
    int row = 0;
    for (ConnectionText.Field f : ConnectionText.fields(r, vm.nowProperty().get())) {
      Label name = new Label(f.label());
      name.getStyleClass().add("details-label");
      name.setMinWidth(Region.USE_PREF_SIZE); // the value wraps, the label never shortens
      Label value = new Label(f.value());
      value.setWrapText(true);
      value.getStyleClass().add("details-value");
      fields.addRow(row++, name, value);
    }
    raw.setText(r.rawJson());
  }
}
