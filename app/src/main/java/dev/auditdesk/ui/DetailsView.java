package dev.auditdesk.ui;

import dev.auditdesk.ui.DetailsViewModel.DiffRow;
import dev.auditdesk.ui.DetailsViewModel.Field;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The pane on the right of the table: every detail of the selected event. */
public final class DetailsView extends StackPane {

  private static final double DIFF_ROW_HEIGHT = 28;

  private final DetailsViewModel vm;
  private final GridPane fieldGrid = grid("details-fields");
  private final GridPane additionalGrid = grid("details-additional");
  private final TableView<DiffRow> diffTable = new TableView<>();
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
            section("details.section.changes", new VBox(diffTable(), noDiff)),
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
    bindPresence(diffTable, !vm.diff().isEmpty());
    fitDiffTable();
  }

  /** The diff table is exactly as tall as its rows: the pane scrolls, not the table. */
  private void fitDiffTable() {
    double header =
        diffTable.lookup(".column-header-background") instanceof Region r && r.getHeight() > 0
            ? r.getHeight()
            : DIFF_ROW_HEIGHT + 8;
    diffTable.setPrefHeight(header + vm.diff().size() * DIFF_ROW_HEIGHT + 2);
  }

  private HBox actions() {
    Button open = new Button(Messages.get("details.openInCoder"), icon(Material2MZ.OPEN_IN_NEW));
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
    MenuButton related =
        new MenuButton(
            Messages.get("details.related"),
            icon(Material2AL.FILTER_ALT),
            sameRequest,
            sameResource,
            sameUser);
    related.setId("details-related");

    HBox box = new HBox(8, related, open);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("details-actions");
    return box;
  }

  private TableView<DiffRow> diffTable() {
    diffTable.setId("details-diff");
    diffTable.getStyleClass().add("details-diff");
    diffTable.setItems(vm.diff());
    diffTable.setFixedCellSize(DIFF_ROW_HEIGHT);
    diffTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    diffTable.setMinHeight(Region.USE_PREF_SIZE);
    diffTable.setMaxHeight(Region.USE_PREF_SIZE);
    diffTable
        .skinProperty()
        .addListener(
            (o, was, now) ->
                Platform.runLater(
                    () -> {
                      if (diffTable.lookup(".column-header-background") instanceof Region r) {
                        r.heightProperty().addListener(h -> fitDiffTable());
                      }
                      fitDiffTable();
                    }));
    diffTable
        .getColumns()
        .setAll(
            List.of(
                diffColumn("details.diff.field", DiffRow::field, false),
                diffColumn("details.diff.old", DiffRow::oldValue, true),
                diffColumn("details.diff.new", DiffRow::newValue, true)));
    return diffTable;
  }

  private TableColumn<DiffRow, String> diffColumn(
      String titleKey, java.util.function.Function<DiffRow, String> value, boolean isValue) {
    TableColumn<DiffRow, String> col = new TableColumn<>(Messages.get(titleKey));
    col.setSortable(false);
    col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    col.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("secret");
                DiffRow row = empty ? null : getTableRow().getItem();
                if (empty || item == null || row == null) {
                  setText(null);
                  setGraphic(null);
                  setTooltip(null);
                  return;
                }
                setText(item);
                if (isValue && row.secret()) {
                  getStyleClass().add("secret");
                  setGraphic(icon(Material2AL.LOCK));
                  setTooltip(new Tooltip(Messages.get("details.diff.hiddenExplained")));
                } else {
                  setGraphic(null);
                  setTooltip(new Tooltip(item));
                }
              }
            });
    return col;
  }

  private VBox rawJsonSection() {
    TextArea raw = new TextArea();
    raw.setId("details-raw-json");
    raw.setEditable(false);
    raw.setWrapText(false);
    raw.getStyleClass().add("details-raw-json");
    raw.textProperty().bind(vm.rawJsonProperty());
    raw.setPrefRowCount(14);
    Button copy = new Button(Messages.get("details.raw.copy"), icon(Material2AL.CONTENT_COPY));
    copy.setId("details-copy-json");
    copy.getStyleClass().add("flat");
    copy.setOnAction(e -> copyText(vm.rawJsonProperty().get()));
    Label title = sectionTitle("details.section.raw");
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox head = new HBox(title, grow, copy);
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
    return g;
  }

  private static void fill(GridPane grid, List<Field> rows) {
    grid.getChildren().clear();
    int r = 0;
    for (Field f : rows) {
      Label k = new Label(f.label());
      k.getStyleClass().add("details-key");
      Label v = new Label(f.value());
      v.getStyleClass().add("details-value");
      v.setWrapText(true);
      v.setMaxWidth(Double.MAX_VALUE);
      MenuItem copy = new MenuItem(Messages.get("details.copyValue"));
      copy.setOnAction(e -> copyText(f.value()));
      v.setContextMenu(new ContextMenu(copy));
      grid.addRow(r++, k, v);
    }
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

  static FontIcon icon(org.kordamp.ikonli.Ikon ikon) {
    FontIcon i = new FontIcon(ikon);
    i.getStyleClass().add("ad-icon");
    return i;
  }
}
