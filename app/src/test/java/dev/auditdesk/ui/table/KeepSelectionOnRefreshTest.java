package dev.auditdesk.ui.table;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.testing.SampleEvents;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New events arriving while the user reads one: the table and the details pane stay on it. */
class KeepSelectionOnRefreshTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  @Test
  void newEventsAboveAndBelowKeepTheSelectedEventAndTheRowsOnScreen() throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(300))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      EventTable t = v.eventTable();
      AuditCache cache = w.cache();
      int total = (int) cache.total();
      int row = 150;
      fx(
          () -> {
            t.scrollToRow(row - 4);
            t.selectRow(row);
            return null;
          });
      AuditEvent chosen = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, row, 1).get(0);
      waitFor("the details of the chosen event", () -> detailsShow(chosen));

      // Three events newer than all, two older than all: the chosen one moves down by three,
      // not by the five new rows.
      Instant newest = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0).time();
      Instant oldest =
          cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, total - 1, 1).get(0).time();
      cache.upsert(
          SampleEvents.series(3, newest.plusSeconds(60), Duration.ofSeconds(1), "arrived-new"));
      cache.upsert(
          SampleEvents.series(2, oldest.minusSeconds(3600), Duration.ofSeconds(1), "arrived-old"));
      // The rows on screen when the refresh starts (the details pane has settled by now).
      String[] onTop = new String[1];
      int top =
          fx(
              () -> {
                int first = t.firstVisibleIndex();
                onTop[0] = t.rows().peek(first).orElseThrow().id();
                v.viewModel().refresh();
                return first;
              });

      waitFor("the new events in the table", () -> fx(t::rowCount) == total + 5);
      waitFor("the chosen event selected at its new row", () -> fx(t::selectedRow) == row + 3);
      assertEquals(chosen.id(), fx(() -> v.viewModel().selectedEventProperty().get()).id());
      waitFor("the details pane still on the chosen event", () -> detailsShow(chosen));
      // The event that was on top moved down by the three new rows and the view followed it;
      // a row hidden under the header by a pixel may count as the first visible one, so the
      // screen's first row may be one above it.
      int at = top + 3;
      waitFor(
          "the event that was on top on top again",
          () ->
              onTop[0].equals(fx(() -> t.rows().peek(at).map(AuditEvent::id).orElse("")))
                  && Math.abs(fx(t::firstVisibleIndex) - at) <= 1);
    }
  }

  private boolean detailsShow(AuditEvent e) {
    return w.robot.lookup("#details-fields .label").queryAll().stream()
        .anyMatch(n -> n instanceof Label l && e.id().equals(l.getText()) && l.isVisible());
  }
}
