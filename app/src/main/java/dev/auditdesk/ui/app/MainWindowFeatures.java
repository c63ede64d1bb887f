package dev.auditdesk.ui.app;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.details.DetailsView;
import dev.auditdesk.ui.details.DetailsViewModel;
import dev.auditdesk.ui.login.DeploymentSwitcher;
import dev.auditdesk.ui.login.DeploymentsViewModel;
import dev.auditdesk.ui.settings.ThemeChoice;
import dev.auditdesk.ui.status.StatusBarView;
import dev.auditdesk.ui.status.StatusBarViewModel;
import dev.auditdesk.ui.sync.SyncViewModel;
import dev.auditdesk.ui.table.ColumnFit;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.table.EventRows;
import dev.auditdesk.ui.table.EventTable;
import dev.auditdesk.ui.table.LayoutPersistence;
import dev.auditdesk.ui.table.TableCopy;
import dev.auditdesk.ui.timeline.TimelineView;
import dev.auditdesk.ui.timeline.TimelineViewModel;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs the details pane, the timeline, the status bar, the deployment switcher, the theme menu,
 * the keyboard extras and the remembered layout into a main window — one call per session.
 */
public final class MainWindowFeatures implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MainWindowFeatures.class);

  /** Ctrl+C copies at most this many rows; Export is the way for more. */
  static final int MAX_COPY_ROWS = 100_000;

  private final MainView view;
  private final Session session;
  private final ExecutorService worker = Workers.single("window-extras");
  private final DetailsViewModel details;
  private final TimelineViewModel timeline;
  private final StatusBarViewModel status;
  private final DeploymentsViewModel deployments;

  /**
   * @param browser opens a web address (HostServices)
   * @param switchTo opens another cached deployment offline in this window
   * @param signOut forgets the token of this deployment (and revokes it when online)
   */
  public MainWindowFeatures(
      MainView view,
      Session session,
      Services services,
      Themes themes,
      LayoutPersistence layout,
      Consumer<String> browser,
      Consumer<Deployment> switchTo,
      Runnable signOut) {
    this.view = view;
    this.session = session;
    MainViewModel main = view.viewModel();
    SyncViewModel sync = view.syncViewModel();
    ZoneId zone = ZoneId.systemDefault();

    details = new DetailsViewModel(main.queryModel().queryProperty(), browser, zone);
    details.deploymentProperty().set(session.deployment());
    details.eventProperty().bind(main.selectedEventProperty());
    view.setDetailsDivider(layout.settings().detailsDivider());
    view.setDetails(new DetailsView(details));

    timeline = new TimelineViewModel(main.queryModel().queryProperty(), worker);
    timeline.cacheProperty().set(session.cache());
    view.setTimeline(new TimelineView(timeline, zone));

    status = new StatusBarViewModel(worker, Clock.systemDefaultZone(), zone);
    status.onlineProperty().set(session.online());
    status.cacheProperty().set(session.cache());
    status.setOnVerifyAll(sync::verifyAll);
    status
        .completenessProperty()
        .addListener(
            (o, was, now) ->
                timeline
                    .unverifiedDaysProperty()
                    .set(
                        now == null
                            ? java.util.Set.of()
                            : now.unverified().stream()
                                .map(dev.auditdesk.model.DayCheck::day)
                                .collect(java.util.stream.Collectors.toSet())));
    // The main window's own sync line (progress, Cancel, Retry) stays; this bar adds the rest.
    StatusBarView bar = new StatusBarView(status, view.getBottom());

    deployments =
        new DeploymentsViewModel(() -> cachedDeployments(services), worker, switchTo, signOut);
    deployments.currentProperty().set(session.deployment());
    bar.addLeading(new DeploymentSwitcher(deployments));
    view.setStatusBar(bar);

    // New events (a sync, an import) change the counts the timeline and the status bar show.
    main.totalProperty()
        .addListener(
            (o, was, now) -> {
              timeline.refresh();
              status.refreshCache();
            });
    sync.runningProperty()
        .addListener(
            (o, was, now) -> {
              if (!now) {
                status.refreshCache();
              }
            });

    TableView<EventRow> table = view.eventTable().table();
    // Several rows can be selected (Shift/Ctrl-click, Shift+arrows) to copy them together.
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    Shortcuts.installCopy(table, () -> copySelectedRows(view.eventTable()));
    view.sceneProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                Shortcuts.installEscape(now, view.filterBar());
              }
            });
    if (view.getScene() != null) {
      Shortcuts.installEscape(view.getScene(), view.filterBar());
    }

    addThemeMenu(view.viewMenu(), themes, layout);
    if (layout.settings().columns().isEmpty()) {
      ColumnFit.install(table);
    }
    layout.attachTable(table);
    if (view.lookup("#main-split") instanceof SplitPane split) {
      layout.attachDivider(split);
    }
    layout.saveLastDeployment(session.deployment().url().toString());
  }

  public DetailsViewModel details() {
    return details;
  }

  public TimelineViewModel timeline() {
    return timeline;
  }

  public StatusBarViewModel status() {
    return status;
  }

  public DeploymentsViewModel deployments() {
    return deployments;
  }

  @Override
  public void close() {
    details.eventProperty().unbind();
    worker.shutdownNow();
  }

  private static List<DeploymentsViewModel.Entry> cachedDeployments(Services services) {
    List<DeploymentsViewModel.Entry> out = new ArrayList<>();
    for (CacheStore.CachedDeployment c : CacheStore.list(services.cachesRoot())) {
      if (c.deployment() != null) {
        out.add(new DeploymentsViewModel.Entry(c.deployment(), c.stats(), c.problem().orElse("")));
      }
    }
    return out;
  }

  private static void addThemeMenu(Menu viewMenu, Themes themes, LayoutPersistence layout) {
    Menu theme = new Menu(Messages.get("menu.view.theme"));
    theme.setId("menu-theme");
    ToggleGroup group = new ToggleGroup();
    for (ThemeChoice c : ThemeChoice.values()) {
      RadioMenuItem item =
          new RadioMenuItem(Messages.get("menu.view.theme." + c.name().toLowerCase()));
      item.setId("menu-theme-" + c.name().toLowerCase());
      item.setToggleGroup(group);
      item.setSelected(themes.choiceProperty().get() == c);
      item.setOnAction(
          e -> {
            themes.choiceProperty().set(c);
            layout.saveTheme(c);
          });
      theme.getItems().add(item);
    }
    viewMenu.getItems().addAll(new SeparatorMenuItem(), theme);
  }

  /** Copies the selected rows, reading from the cache the ones not loaded into the table yet. */
  void copySelectedRows(EventTable eventTable) {
    TableView<EventRow> table = eventTable.table();
    List<Integer> indices = eventTable.selectedRows();
    EventRows rows = eventTable.rows();
    if (indices.isEmpty() || rows == null) {
      return;
    }
    indices.sort(null);
    if (indices.size() > MAX_COPY_ROWS) {
      indices = indices.subList(0, MAX_COPY_ROWS);
    }
    List<TableCopy.Column<AuditEvent>> columns = copyColumns(table);
    List<Integer> wanted = List.copyOf(indices);
    AuditCache cache = session.cache();
    worker.execute(
        () -> {
          List<AuditEvent> events = eventsAt(cache, rows, wanted);
          String text = TableCopy.tsv(columns, events);
          Platform.runLater(() -> TableCopy.toClipboard(text));
        });
  }

  /** The events at sorted positions of a result, read from the cache in runs of positions. */
  static List<AuditEvent> eventsAt(AuditCache cache, EventRows rows, List<Integer> sorted) {
    List<AuditEvent> out = new ArrayList<>(sorted.size());
    int i = 0;
    while (i < sorted.size()) {
      int start = sorted.get(i);
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1 && j - i < 999) {
        j++;
      }
      List<AuditEvent> run = cache.page(rows.query(), rows.order(), start, j - i + 1);
      out.addAll(run);
      i = j + 1;
    }
    return out;
  }

  static List<TableCopy.Column<AuditEvent>> copyColumns(TableView<EventRow> table) {
    Map<String, Function<AuditEvent, String>> byId = EventTable.cellTexts();
    List<TableCopy.Column<AuditEvent>> out = new ArrayList<>();
    for (TableColumn<EventRow, ?> c : table.getVisibleLeafColumns()) {
      Function<AuditEvent, String> f = byId.get(c.getId());
      if (f == null) {
        LOG.debug("Column {} has no copy text; copying it empty", c.getId());
        f = e -> "";
      }
      out.add(new TableCopy.Column<>(c.getText(), f));
    }
    return out;
  }
}
