package dev.auditdesk.ui.app;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.connections.ConnectionsView;
import dev.auditdesk.ui.connections.ConnectionsViewModel;
import dev.auditdesk.ui.connections.LogSwitcher;
import dev.auditdesk.ui.details.DetailsViewModel;
import dev.auditdesk.ui.files.ExportViewModel;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.sync.SyncViewModel;
import dev.auditdesk.ui.table.LayoutPersistence;
import dev.auditdesk.ui.timeline.TimelineSource;
import dev.auditdesk.ui.timeline.TimelineView;
import dev.auditdesk.ui.timeline.TimelineViewModel;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Puts the Connections view into the window: the log switcher and its menu items, the view's
 * timeline (the audit timeline's control over the connection log), saved column layout, the
 * cross-links with the audit log, export while it is shown and its refresh after a sync.
 */
final class ConnectionsWiring {

  private ConnectionsWiring() {}

  static ConnectionsView wire(
      MainView view,
      ConnectionsViewModel connections,
      QueryModel query,
      DetailsViewModel details,
      ExportViewModel export,
      SyncViewModel sync,
      LayoutPersistence layout,
      Executor background,
      Executor fx) {
    ConnectionsView cv = new ConnectionsView(connections);
    view.setOtherLog(new LogSwitcher(connections.shownProperty()), cv, connections.shownProperty());
    TimelineViewModel timeline = new TimelineViewModel(timelineSource(connections), background, fx);
    timeline.unverifiedDaysProperty().bind(connections.unverifiedDaysProperty());
    TimelineView tv = new TimelineView(timeline, ZoneId.systemDefault());
    tv.setId("conn-timeline");
    cv.setTimeline(tv);
    layout.attachConnectionTable(cv.table());

    details.setOnShowConnections(connections::showWorkspace);
    export.exportConnectionsWhile(
        connections.shownProperty(), connections.cache(), connections.queryProperty());
    connections.setOnShowAuditEvents(
        w -> query.setQuery(AuditQuery.ALL.with(Facet.RESOURCE_TARGET, List.of(w))));
    sync.runningProperty()
        .addListener(
            (o, was, now) -> {
              if (!now) {
                connections.refresh();
              }
            });
    view.viewMenu()
        .getItems()
        .addAll(
            0,
            List.of(
                logItem(connections, "menu-log-audit", "menu.view.auditLog", KeyCode.DIGIT1, false),
                logItem(
                    connections,
                    "menu-log-connections",
                    "menu.view.connections",
                    KeyCode.DIGIT2,
                    true),
                new SeparatorMenuItem()));
    return cv;
  }

  /** The connection log's query and cache as what a timeline counts. */
  static TimelineSource timelineSource(ConnectionsViewModel connections) {
    return new TimelineSource() {
      @Override
      public void onChange(Runnable r) {
        connections.queryProperty().addListener((o, was, now) -> r.run());
        // A sync or an import changes the log: the total moves.
        connections.totalProperty().addListener((o, was, now) -> r.run());
      }

      @Override
      public DateRange range() {
        return connections.queryProperty().get().range();
      }

      @Override
      public void setRange(DateRange r) {
        connections.setRange(r);
      }

      @Override
      public Optional<Count> capture() {
        ConnectionLogCache cache = connections.cache();
        ConnectionQuery q = connections.queryProperty().get();
        return Optional.of(
            new Count() {
              @Override
              public DateRange range() {
                return q.range();
              }

              @Override
              public Optional<Extent> extent() {
                return cache.span().map(s -> new Extent(s.oldest(), s.newest()));
              }

              @Override
              public Histogram histogram(Duration bucket) {
                return cache.histogram(q, bucket);
              }
            });
      }

      @Override
      public String words() {
        return "timeline.connections";
      }
    };
  }

  private static MenuItem logItem(
      ConnectionsViewModel connections,
      String id,
      String key,
      KeyCode digit,
      boolean showConnections) {
    MenuItem i = new MenuItem(Messages.get(key));
    i.setId(id);
    i.setAccelerator(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN));
    i.setOnAction(e -> connections.shownProperty().set(showConnections));
    return i;
  }
}
