package dev.auditdesk.ui.app;

import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.export.SavedView;
import dev.auditdesk.export.SavedViews;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.archive.TakeOfflineDialog;
import dev.auditdesk.ui.archive.TakeOfflineViewModel;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Shortcuts;
import dev.auditdesk.ui.common.TableCopy;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.connections.ConnectionsView;
import dev.auditdesk.ui.connections.ConnectionsViewModel;
import dev.auditdesk.ui.details.DetailsView;
import dev.auditdesk.ui.details.DetailsViewModel;
import dev.auditdesk.ui.evidence.VerifyCacheDialog;
import dev.auditdesk.ui.files.ExportViewModel;
import dev.auditdesk.ui.files.FileMenu;
import dev.auditdesk.ui.files.ImportViewModel;
import dev.auditdesk.ui.files.SavedViewsViewModel;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.login.DeploymentSwitcher;
import dev.auditdesk.ui.login.DeploymentsViewModel;
import dev.auditdesk.ui.session.Services;
import dev.auditdesk.ui.session.Session;
import dev.auditdesk.ui.settings.ThemeChoice;
import dev.auditdesk.ui.status.StatusBarView;
import dev.auditdesk.ui.status.StatusBarViewModel;
import dev.auditdesk.ui.sync.SyncViewModel;
import dev.auditdesk.ui.table.ColumnFit;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.table.EventRows;
import dev.auditdesk.ui.table.EventTable;
import dev.auditdesk.ui.table.LayoutPersistence;
import dev.auditdesk.ui.timeline.TimelineView;
import dev.auditdesk.ui.timeline.TimelineViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window of one session, assembled: its view models, its views and the one background
 * executor they all share. Closing it stops every view model and that executor; the session itself
 * is closed by the app.
 */
public final class MainWindow implements AutoCloseable {

  /** What the window asks of the app around it. */
  public record Actions(
      Consumer<String> browser,
      Consumer<Deployment> switchTo,
      Runnable signOut,
      Runnable showGuide) {}

  /** Ctrl+C copies at most this many rows; Export is the way for more. */
  static final int MAX_COPY_ROWS = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

  private final ScheduledExecutorService background = Workers.session();
  private final Executor fx = Platform::runLater;
  private final Session session;
  private final MainViewModel main;
  private final SyncViewModel sync;
  private final DetailsViewModel details;
  private final TimelineViewModel timeline;
  private final StatusBarViewModel status;
  private final DeploymentsViewModel deployments;
  private final ExportViewModel export;
  private final SavedViewsViewModel savedViews;
  private final ImportViewModel importer;
  private final ConnectionsViewModel connections;
  private ConnectionsView connectionsView;
  private final TakeOfflineViewModel takeOffline;
  private final MainView view;

  public MainWindow(
      Session session,
      Services services,
      Themes themes,
      LayoutPersistence layout,
      Actions actions,
      String initialQuery) {
    this.session = session;
    ZoneId zone = ZoneId.systemDefault();
    main = new MainViewModel(session, background, fx);
    if (!initialQuery.isBlank()) {
      main.applyQueryText(initialQuery);
    }
    sync =
        new SyncViewModel(
            session,
            services.syncEngine(session, SyncViewModel.INTERVAL).orElse(null),
            main::refresh,
            background,
            fx);
    view = new MainView(main, sync, actions.signOut(), actions.showGuide());
    QueryModel query = main.queryModel();

    details = new DetailsViewModel(query.queryProperty(), actions.browser(), zone);
    details.deploymentProperty().set(session.deployment());
    details.eventProperty().bind(main.selectedEventProperty());
    view.setDetailsDivider(layout.settings().detailsDivider());
    view.setDetails(new DetailsView(details));

    // On this computer's cache the timeline counts after the table's rows and the filter lists of
    // each query (the window's first included), never beside them: its pass over every event (ten
    // million in a large cache) would compete with them for the two cores. A team archive counts
    // in PostgreSQL, where the lists of users and targets may take seconds: there it counts at
    // once.
    timeline =
        new TimelineViewModel(
            query.queryProperty(),
            session.cache().sharedArchive() ? background : main.afterLists(background),
            fx);
    timeline.cacheProperty().set(session.cache());
    view.setTimeline(new TimelineView(timeline, zone));

    status = new StatusBarViewModel(background, fx, zone);
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
                                .map(DayCheck::day)
                                .collect(Collectors.toSet())));
    StatusBarView bar = new StatusBarView(status, sync, actions.signOut());
    deployments =
        new DeploymentsViewModel(
            () -> cachedDeployments(services), background, actions.switchTo(), actions.signOut());
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
    connections = new ConnectionsViewModel(ConnectionLogCache.of(session.cache()), background, fx);
    export =
        new ExportViewModel(
            main::cache, query.queryProperty(), query.sortProperty(), background, fx);
    export.proposeFile(Path.of(System.getProperty("user.home")));
    savedViews =
        new SavedViewsViewModel(
            new SavedViews(services.configDir().resolve("views")),
            name ->
                connections.shownProperty().get()
                    ? SavedView.ofConnections(
                        name,
                        connections.queryProperty().get(),
                        connections.sortProperty().get(),
                        connectionsView.visibleColumnIds())
                    : new SavedView(
                        name, query.query(), query.sort(), view.eventTable().visibleColumnIds()),
            v -> {
              if (v.log() == SavedView.Log.CONNECTIONS) {
                connections.open(v.connectionQuery(), v.connectionSort());
                connectionsView.showColumns(v.columns());
                return;
              }
              query.setQuery(v.query());
              query.setSort(v.sort());
              view.eventTable().showColumns(v.columns());
              connections.shownProperty().set(false);
            },
            background,
            fx);
    importer =
        new ImportViewModel(
            d ->
                d.equals(session.deployment())
                    ? new ImportViewModel.Lease(session.cache(), false)
                    : new ImportViewModel.Lease(services.openCache(d), true),
            d -> {
              if (d.equals(session.deployment())) {
                main.refresh();
              }
            },
            background,
            fx);
    FileMenu.install(
        view.fileMenu(),
        export,
        savedViews,
        session.cache().sharedArchive() ? null : importer,
        () -> view.getScene().getWindow());
    VerifyCacheDialog.install(view.helpMenu(), session.cache(), background, fx, view);
    takeOffline =
        session.cache() instanceof PostgresArchive archive
            ? new TakeOfflineViewModel(
                archive, query.queryProperty(), services.cachesRoot(), Instant::now, background, fx)
            : null;
    if (takeOffline != null) {
      TakeOfflineDialog.install(view.fileMenu(), takeOffline, () -> view.getScene().getWindow());
    }

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

    connectionsView =
        ConnectionsWiring.wire(
            view, connections, query, details, export, sync, layout, background, fx);
    InsightsWindow.install(view, session, query, connections, background, fx);
    addThemeMenu(view.viewMenu(), themes, layout);
    if (layout.settings().columns().isEmpty()) {
      ColumnFit.install(table);
    }
    layout.attachTable(table);
    layout.attachDivider(view.split());
    layout.saveLastDeployment(session.deployment().url().toString());
  }

  /** Runs the first query and the first sync; call once the window shows. */
  public void start() {
    main.start();
    connections.start();
    sync.start();
  }

  public MainView view() {
    return view;
  }

  public Session session() {
    return session;
  }

  public MainViewModel main() {
    return main;
  }

  public SyncViewModel sync() {
    return sync;
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

  public ExportViewModel export() {
    return export;
  }

  public SavedViewsViewModel savedViews() {
    return savedViews;
  }

  public ImportViewModel importer() {
    return importer;
  }

  public ConnectionsViewModel connections() {
    return connections;
  }

  /** File ▸ Take offline…, present when the window reads a team archive. */
  public Optional<TakeOfflineViewModel> takeOffline() {
    return Optional.ofNullable(takeOffline);
  }

  /** Stops every view model of the session and its executor (a running export is cancelled). */
  @Override
  public void close() {
    details.eventProperty().unbind();
    export.cancel();
    if (takeOffline != null) {
      takeOffline.cancel();
    }
    connections.dispose();
    sync.dispose();
    main.dispose();
    background.shutdownNow();
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
  private void copySelectedRows(EventTable eventTable) {
    List<Integer> indices = eventTable.selectedRows();
    EventRows rows = eventTable.rows();
    if (indices.isEmpty() || rows == null) {
      return;
    }
    indices.sort(null);
    if (indices.size() > MAX_COPY_ROWS) {
      indices = indices.subList(0, MAX_COPY_ROWS);
    }
    List<TableCopy.Column<AuditEvent>> columns = eventTable.copyColumns();
    List<Integer> wanted = List.copyOf(indices);
    AuditCache cache = session.cache();
    background.execute(
        () -> {
          List<AuditEvent> events = eventsAt(cache, rows, wanted);
          String text = TableCopy.tsv(columns, events);
          fx.execute(() -> TableCopy.toClipboard(text));
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
      out.addAll(cache.page(rows.query(), rows.order(), start, j - i + 1));
      i = j + 1;
    }
    return out;
  }
}
