package dev.auditdesk.ui.app;

import dev.auditdesk.ui.common.Icons;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.filters.FilterBar;
import dev.auditdesk.ui.settings.UiSettings;
import dev.auditdesk.ui.sync.SyncViewModel;
import dev.auditdesk.ui.table.EventTable;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The main window's content, in named regions so later features plug in without reshaping it:
 *
 * <ul>
 *   <li>top: the {@link #menuBar()} (File / View / Help) and the {@link #filterBar()};
 *   <li>center: the {@link #timelineSlot()} above a split pane holding the {@link #eventTable()}
 *       and, once set with {@link #setDetails}, a details pane on the right;
 *   <li>bottom: the status bar, once set with {@link #setStatusBar}.
 * </ul>
 */
public final class MainView extends BorderPane {

  private final MainViewModel vm;
  private final SyncViewModel sync;
  private final MenuBar menuBar = new MenuBar();
  private final Menu fileMenu = new Menu(Messages.get("menu.file"));
  private final Menu viewMenu = new Menu(Messages.get("menu.view"));
  private final Menu syncMenu = new Menu(Messages.get("menu.sync"));
  private final Menu helpMenu = new Menu(Messages.get("menu.help"));
  private final FilterBar filterBar;
  private final EventTable eventTable;
  private final StackPane timelineSlot = new StackPane();
  private final SplitPane split = new SplitPane();
  private final VBox top = new VBox();
  private final VBox auditTop = new VBox();
  private final VBox auditCenter = new VBox(timelineSlot, split);
  private Node details;
  private double detailsDivider = UiSettings.DEFAULTS.detailsDivider();

  /**
   * @param onSignOut called when the user signs out (the app shows the sign-in screen again)
   * @param onShowGuide opens the user guide
   */
  public MainView(MainViewModel vm, SyncViewModel sync, Runnable onSignOut, Runnable onShowGuide) {
    this.vm = vm;
    this.sync = sync;
    setId("main-view");
    getStyleClass().add("main-view");

    filterBar = new FilterBar(vm);
    eventTable = new EventTable(vm.queryModel());
    Label empty = new Label();
    empty.getStyleClass().add("table-placeholder");
    empty
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    Messages.get(
                        vm.totalProperty().get() == 0 ? "table.emptyCache" : "table.empty"),
                vm.totalProperty()));
    eventTable.table().setPlaceholder(empty);
    vm.rowsProperty().addListener((o, a, b) -> eventTable.setRows(b, vm.lastChangeKeptQuery()));
    if (vm.rowsProperty().get() != null) {
      eventTable.setRows(vm.rowsProperty().get(), false);
    }
    eventTable
        .table()
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              vm.selectedEventProperty().unbind();
              if (b == null) {
                vm.selectedEventProperty().set(null);
              } else {
                vm.selectedEventProperty().bind(b.eventProperty());
              }
            });

    vm.selectedEventProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                showDetails();
              }
            });

    buildMenus(onSignOut, onShowGuide);
    top.getChildren().addAll(menuBar, auditTop);
    auditTop.getChildren().addAll(filterBar, auditLogNotice(vm), queryError(vm));
    setTop(top);

    timelineSlot.setId("timeline-slot");
    timelineSlot.getStyleClass().add("timeline-slot");
    timelineSlot.setManaged(false);
    timelineSlot.setVisible(false);
    split.setId("main-split");
    split.setOrientation(Orientation.HORIZONTAL);
    split.getItems().add(eventTable.node());
    VBox.setVgrow(split, javafx.scene.layout.Priority.ALWAYS);
    setCenter(auditCenter);
  }

  /**
   * Puts {@code switcher} under the menus; while {@code shown} is true, {@code otherLog} takes the
   * place of the audit log's filters, timeline and table.
   */
  public void setOtherLog(Node switcher, Node otherLog, ObservableValue<Boolean> shown) {
    top.getChildren().add(1, switcher);
    Runnable apply =
        () -> {
          boolean other = shown.getValue();
          auditTop.setVisible(!other);
          auditTop.setManaged(!other);
          setCenter(other ? otherLog : auditCenter);
        };
    shown.addListener((o, was, now) -> apply.run());
    apply.run();
  }

  public MainViewModel viewModel() {
    return vm;
  }

  public SyncViewModel syncViewModel() {
    return sync;
  }

  public MenuBar menuBar() {
    return menuBar;
  }

  /** File menu: export/import/saved views go above "Sign out". */
  public Menu fileMenu() {
    return fileMenu;
  }

  public Menu viewMenu() {
    return viewMenu;
  }

  public Menu helpMenu() {
    return helpMenu;
  }

  public FilterBar filterBar() {
    return filterBar;
  }

  public EventTable eventTable() {
    return eventTable;
  }

  /** The pane holding the table and, once an event is selected, the details pane. */
  public SplitPane split() {
    return split;
  }

  /** Where a timeline goes, above the table; hidden until it has content. */
  public StackPane timelineSlot() {
    return timelineSlot;
  }

  public void setTimeline(Node timeline) {
    timelineSlot.getChildren().setAll(timeline);
    timelineSlot.setManaged(true);
    timelineSlot.setVisible(true);
  }

  /**
   * Sets the details pane (null removes it). It appears right of the table when the first event is
   * selected: until then the table has the whole width, which the columns need on a laptop screen.
   */
  public void setDetails(Node pane) {
    if (details != null) {
      split.getItems().remove(details);
    }
    details = pane;
    if (pane != null && vm.selectedEventProperty().get() != null) {
      showDetails();
    }
  }

  /** Where the divider goes when the details pane appears (a fraction of the width). */
  public void setDetailsDivider(double position) {
    detailsDivider = position;
  }

  private void showDetails() {
    if (details != null && !split.getItems().contains(details)) {
      split.getItems().add(details);
      split.setDividerPositions(detailsDivider);
    }
  }

  public void setStatusBar(Node bar) {
    setBottom(bar);
  }

  private void buildMenus(Runnable onSignOut, Runnable onShowGuide) {
    fileMenu.setId("menu-file");
    viewMenu.setId("menu-view");
    helpMenu.setId("menu-help");

    MenuItem signOut = item("menu-sign-out", "menu.file.signOut", null, () -> onSignOut.run());
    MenuItem quit =
        item(
            "menu-quit",
            "menu.file.quit",
            new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
            () -> getScene().getWindow().hide());
    fileMenu.getItems().addAll(signOut, new SeparatorMenuItem(), quit);

    MenuItem syncNow =
        item(
            "menu-sync-now",
            "menu.view.syncNow",
            new KeyCodeCombination(KeyCode.F5),
            () -> sync.syncNow());
    syncNow.disableProperty().bind(sync.canSyncProperty().not());
    MenuItem clear =
        item("menu-clear-filters", "menu.view.clearFilters", null, () -> filterBar.clearFilters());
    MenuItem search =
        item(
            "menu-focus-search",
            "menu.view.focusSearch",
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
            () -> filterBar.searchField().requestFocus());
    MenuItem query =
        item(
            "menu-focus-query",
            "menu.view.focusQuery",
            new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
            () -> filterBar.queryField().requestFocus());
    MenuItem verifyAll =
        item("menu-verify-all", "menu.sync.verifyAll", null, () -> sync.verifyAll());
    verifyAll.disableProperty().bind(sync.canSyncProperty().not());
    syncMenu.setId("menu-sync");
    syncMenu.getItems().addAll(syncNow, verifyAll);
    viewMenu.getItems().addAll(search, query, clear);

    MenuItem guide =
        item(
            "menu-user-guide",
            "menu.help.userGuide",
            new KeyCodeCombination(KeyCode.F1),
            () -> onShowGuide.run());
    MenuItem about =
        item(
            "menu-about",
            "menu.help.about",
            null,
            () -> new AboutDialog(getScene().getWindow()).show());
    helpMenu.getItems().addAll(guide, about);
    menuBar.getMenus().addAll(fileMenu, viewMenu, syncMenu, helpMenu);
  }

  /** A warning line under the filters while the deployment records no audit events. */
  private static Label auditLogNotice(MainViewModel vm) {
    Label notice = new Label();
    notice.setId("audit-log-notice");
    notice.getStyleClass().add("notice-banner");
    notice.setGraphic(Icons.of(Material2MZ.WARNING));
    notice.setWrapText(true);
    notice.setMaxWidth(Double.MAX_VALUE);
    notice.textProperty().bind(vm.auditLogNoticeProperty());
    notice.visibleProperty().bind(vm.auditLogNoticeProperty().isNotEmpty());
    notice.managedProperty().bind(notice.visibleProperty());
    return notice;
  }

  /** A failed query, in plain words, with Retry; hidden while queries work. */
  private static HBox queryError(MainViewModel vm) {
    Label text = new Label();
    text.setId("query-failed");
    text.setGraphic(Icons.of(Material2AL.ERROR_OUTLINE));
    text.setWrapText(true);
    text.setMaxWidth(Double.MAX_VALUE);
    text.textProperty().bind(vm.lastErrorProperty());
    HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
    Button retry = new Button(Messages.get("main.retry"));
    retry.setId("query-failed-retry");
    retry.getStyleClass().add("small");
    retry.setOnAction(e -> vm.retry());
    HBox banner = new HBox(8, text, retry);
    banner.setId("query-failed-banner");
    banner.getStyleClass().addAll("notice-banner", "error-banner");
    banner.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    banner.visibleProperty().bind(vm.lastErrorProperty().isNotEmpty());
    banner.managedProperty().bind(banner.visibleProperty());
    return banner;
  }

  private static MenuItem item(String id, String key, KeyCombination accelerator, Runnable action) {
    MenuItem i = new MenuItem(Messages.get(key));
    i.setId(id);
    i.setOnAction(e -> action.run());
    if (accelerator != null) {
      i.setAccelerator(accelerator);
    }
    return i;
  }
}
