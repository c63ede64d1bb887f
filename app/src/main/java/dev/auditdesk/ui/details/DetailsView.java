package dev.auditdesk.ui.details;

import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.details.DetailsViewModel.DiffRow;
import dev.auditdesk.ui.details.DetailsViewModel.Field;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The pane on the right of the table: every detail of the selected event. */
public final class DetailsView extends StackPane {

  private final DetailsViewModel vm;
  private final GridPane fieldGrid = grid("details-fields");
  private final GridPane additionalGrid = grid("details-additional");
  private final GridPane diffGrid = diffGrid();
  private final Label noDiff = new Label(Messages.get("details.diff.none"));
  private final Label noAdditional = new Label(Messages.get("details.additional.none"));

  public DetailsView(DetailsViewModel vm) {
    this.vm = vm;
    setId("details-pane");
    getStyleClass().add("details-pane");

    Label placeholder = new Label(Messages.get("details.placeholder"));
    placeholder.getStyleClass().add("details-placeholder");
    placeholder.setWrapText(true);
    placeholder.visibleProperty().bind(vm.emptyProperty());

    VBox content =
        new VBox(
            header(),
            actions(),
            section("details.section.event", fieldGrid),
            section("details.section.changes", new VBox(diffGrid, noDiff)),
            section("details.section.additional", new VBox(additionalGrid, noAdditional)),
            rawJsonSection());
    content.getStyleClass().add("details-content");
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("details-scroll");
    scroll.visibleProperty().bind(vm.emptyProperty().not());

    getChildren().addAll(placeholder, scroll);

    vm.fields().addListener((ListChangeListener<Field>) c -> fill(fieldGrid, vm.fields()));
    vm.additionalFields()
        .addListener((ListChangeListener<Field>) c -> fill(additionalGrid, vm.additionalFields()));
    noDiff.getStyleClass().add("details-muted");
    noAdditional.getStyleClass().add("details-muted");
    vm.diff().addListener((ListChangeListener<DiffRow>) c -> diffChanged());
    diffChanged();
    vm.additionalFields()
        .addListener(
            (ListChangeListener<Field>)
                c -> {
                  bindPresence(noAdditional, vm.additionalFields().isEmpty());
                  bindPresence(additionalGrid, !vm.additionalFields().isEmpty());
                });
    fill(fieldGrid, vm.fields());
    fill(additionalGrid, vm.additionalFields());
  }

  private VBox header() {
    Label badge = new Label();
    badge.setId("details-action");
    badge.textProperty().bind(vm.actionVerbProperty());
    badge.getStyleClass().add("action-badge");
    Runnable tone =
        () -> {
          badge.getStyleClass().removeIf(s -> s.startsWith("tone-"));
          String now = vm.actionToneProperty().get();
          if (now != null && !now.isEmpty()) {
            badge.getStyleClass().add("tone-" + now);
          }
        };
    vm.actionToneProperty().addListener(o -> tone.run());
    tone.run();
    Label status = new Label();
    status.setId("details-status");
    status.textProperty().bind(vm.statusProperty());
    status.getStyleClass().add("status-badge");
    status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
    status.managedProperty().bind(status.visibleProperty());
    Runnable failed =
        () -> {
          status.getStyleClass().remove("failed");
          if (vm.failedProperty().get()) {
            status.getStyleClass().add("failed");
          }
        };
    vm.failedProperty().addListener(o -> failed.run());
    failed.run();
    HBox badges = new HBox(8, badge, status);
    badges.setAlignment(Pos.CENTER_LEFT);

    Label headline = new Label();
    headline.setId("details-headline");
    headline.textProperty().bind(vm.headlineProperty());
    headline.setWrapText(true);
    headline.getStyleClass().add("details-headline");
    VBox box = new VBox(6, badges, headline);
    box.getStyleClass().add("details-header");
    return box;
  }

  private void diffChanged() {
    bindPresence(noDiff, vm.diff().isEmpty());
    bindPresence(diffGrid, !vm.diff().isEmpty());
    fillDiff(diffGrid, vm.diff());
  }

  private HBox actions() {
    Button open =
        new Button(Messages.get("details.openInCoder"), Icons.of(Material2MZ.OPEN_IN_NEW));
    open.setId("details-open-in-coder");
    open.setOnAction(e -> vm.openInCoder());
    open.visibleProperty().bind(vm.linkProperty().isNotEmpty());
    open.managedProperty().bind(open.visibleProperty());
    Tooltip linkTip = new Tooltip();
    linkTip.textProperty().bind(vm.linkProperty());
    open.setTooltip(linkTip);

    MenuItem sameRequest = new MenuItem(Messages.get("details.related.request"));
    sameRequest.setId("details-related-request");
    sameRequest.setOnAction(e -> vm.showSameRequest());
    sameRequest.disableProperty().bind(vm.hasRequestIdProperty().not());
    MenuItem sameResource = new MenuItem(Messages.get("details.related.resource"));
    sameResource.setId("details-related-resource");
    sameResource.setOnAction(e -> vm.showSameResource());
    sameResource.disableProperty().bind(vm.hasResourceProperty().not());
    MenuItem sameUser = new MenuItem(Messages.get("details.related.user"));
    sameUser.setId("details-related-user");
    sameUser.setOnAction(e -> vm.showSameUserAround());
    sameUser.disableProperty().bind(vm.hasUserProperty().not());
    MenuItem connections = new MenuItem(Messages.get("details.related.connections"));
    connections.setId("details-related-connections");
    connections.setOnAction(e -> vm.showConnections());
    connections.disableProperty().bind(vm.hasWorkspaceProperty().not());
    MenuButton related =
        new MenuButton(
            Messages.get("details.related"),
            Icons.of(Material2AL.FILTER_ALT),
            sameRequest,
            sameResource,
            sameUser,
            connections);
    related.setId("details-related");

    HBox box = new HBox(8, related, open);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("details-actions");
    return box;
  }

  /** A grid rather than a TableView: a handful of rows, and far cheaper to refill per event. */
  private static GridPane diffGrid() {
    GridPane g = new GridPane();
    g.setId("details-diff");
    g.getStyleClass().add("details-diff");
    ColumnConstraints field = new ColumnConstraints();
    field.setPercentWidth(30);
    ColumnConstraints old = new ColumnConstraints();
    old.setPercentWidth(35);
    ColumnConstraints now = new ColumnConstraints();
    now.setPercentWidth(35);
    g.getColumnConstraints().addAll(field, old, now);
    g.addRow(
        0,
        diffCell(Messages.get("details.diff.field"), "diff-header"),
        diffCell(Messages.get("details.diff.old"), "diff-header"),
        diffCell(Messages.get("details.diff.new"), "diff-header"));
    copyMenu(g);
    return g;
  }

  private static Label diffCell(String text, String styleClass) {
    Label l = new Label(text);
    l.getStyleClass().addAll("diff-cell", styleClass);
    l.setWrapText(true);
    l.setMaxWidth(Double.MAX_VALUE);
    l.setMaxHeight(Double.MAX_VALUE);
    return l;
  }

  /** Reuses the cells already in the grid; a secret field's cells say "hidden" with a lock. */
  private static void fillDiff(GridPane grid, List<DiffRow> rows) {
    int have = grid.getChildren().size() / 3 - 1;
    for (int r = have; r < rows.size(); r++) {
      grid.addRow(
          r + 1,
          diffCell("", "diff-field"),
          diffCell("", "details-value"),
          diffCell("", "details-value"));
    }
    for (int r = 0; r < Math.max(have, rows.size()); r++) {
      boolean used = r < rows.size();
      DiffRow row = used ? rows.get(r) : null;
      for (int c = 0; c < 3; c++) {
        Label l = (Label) grid.getChildren().get(3 * (r + 1) + c);
        bindPresence(l, used);
        l.getStyleClass().remove("secret");
        l.setGraphic(null);
        l.setTooltip(null);
        if (!used) {
          l.setText("");
          continue;
        }
        l.setText(c == 0 ? row.field() : c == 1 ? row.oldValue() : row.newValue());
        if (c > 0 && row.secret()) {
          l.getStyleClass().add("secret");
          l.setGraphic(Icons.of(Material2AL.LOCK));
          l.setTooltip(new Tooltip(Messages.get("details.diff.hiddenExplained")));
        }
      }
    }
  }

  /** Collapsed at first: most readers never need it, and laying out a long text costs time. */
  private VBox rawJsonSection() {
    TextArea raw = new TextArea();
    raw.setId("details-raw-json");
    raw.setEditable(false);
    raw.setWrapText(false);
    raw.getStyleClass().add("details-raw-json");
    raw.setPrefRowCount(16);
    ToggleButton toggle =
        new ToggleButton(Messages.get("details.section.raw"), Icons.of(Material2MZ.UNFOLD_MORE));
    toggle.setId("details-raw-toggle");
    toggle.getStyleClass().addAll("flat", "details-raw-toggle");
    Runnable showRaw =
        () -> {
          boolean open = toggle.isSelected();
          bindPresence(raw, open);
          if (open) {
            raw.textProperty().bind(vm.rawJsonProperty());
          } else {
            raw.textProperty().unbind();
            raw.clear();
          }
        };
    toggle.selectedProperty().addListener(o -> showRaw.run());
    showRaw.run();
    Button copy = new Button(Messages.get("details.raw.copy"), Icons.of(Material2AL.CONTENT_COPY));
    copy.setId("details-copy-json");
    copy.getStyleClass().add("flat");
    copy.setOnAction(e -> copyText(vm.rawJsonProperty().get()));
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox head = new HBox(toggle, grow, copy);
    head.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(4, head, raw);
    box.getStyleClass().add("details-section");
    return box;
  }

  private static VBox section(String titleKey, javafx.scene.Node body) {
    VBox box = new VBox(4, sectionTitle(titleKey), body);
    box.getStyleClass().add("details-section");
    return box;
  }

  private static Label sectionTitle(String key) {
    Label l = new Label(Messages.get(key));
    l.getStyleClass().add("details-section-title");
    return l;
  }

  private static GridPane grid(String id) {
    GridPane g = new GridPane();
    g.setId(id);
    g.getStyleClass().add("details-grid");
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    values.setFillWidth(true);
    g.getColumnConstraints().addAll(labels, values);
    copyMenu(g);
    return g;
  }

  /** Reuses the labels already in the grid: new nodes would need CSS and cost an arrow key. */
  private static void fill(GridPane grid, List<Field> rows) {
    int have = grid.getChildren().size() / 2;
    for (int r = have; r < rows.size(); r++) {
      Label k = new Label();
      k.getStyleClass().add("details-key");
      Label v = new Label();
      v.getStyleClass().add("details-value");
      v.setWrapText(true);
      v.setMaxWidth(Double.MAX_VALUE);
      grid.addRow(r, k, v);
    }
    for (int r = 0; r < Math.max(have, rows.size()); r++) {
      Label k = (Label) grid.getChildren().get(2 * r);
      Label v = (Label) grid.getChildren().get(2 * r + 1);
      boolean used = r < rows.size();
      k.setText(used ? rows.get(r).label() : "");
      v.setText(used ? rows.get(r).value() : "");
      bindPresence(k, used);
      bindPresence(v, used);
    }
  }

  /** One "Copy" menu for all values of a grid: it copies the value that was right-clicked. */
  private static void copyMenu(GridPane grid) {
    MenuItem copy = new MenuItem(Messages.get("details.copyValue"));
    ContextMenu menu = new ContextMenu(copy);
    grid.setOnContextMenuRequested(
        e -> {
          for (javafx.scene.Node n = e.getPickResult().getIntersectedNode();
              n != null && n != grid;
              n = n.getParent()) {
            if (n instanceof Label l && l.getStyleClass().contains("details-value")) {
              copy.setOnAction(a -> copyText(l.getText()));
              menu.show(l, e.getScreenX(), e.getScreenY());
              e.consume();
              return;
            }
          }
        });
  }

  private static void bindPresence(javafx.scene.Node n, boolean present) {
    n.setVisible(present);
    n.setManaged(present);
  }

  static void copyText(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }
}
