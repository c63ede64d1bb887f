package dev.auditdesk.ui.table;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result larger than the table's window (20,000 rows in the app, 400 here) scrolls, jumps and
 * selects like any other: the window moves under the user without showing.
 */
class LargeResultTableTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();
  int savedWindow;

  @BeforeEach
  void smallWindow() {
    savedWindow = RowWindow.defaultSize;
    RowWindow.defaultSize = 400;
  }

  @AfterEach
  void close() throws Exception {
    w.close();
    RowWindow.defaultSize = savedWindow;
  }

  @Test
  void scrollingJumpingAndEndKeysReachEveryRowOfAResultLargerThanTheWindow() throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(3_000))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      EventTable t = v.eventTable();
      assertEquals(3_000, (int) fx(t::rowCount));
      assertEquals(400, (int) fx(() -> t.table().getItems().size()), "the table holds a window");
      ScrollBar bar = (ScrollBar) v.lookup("#whole-result-bar");
      assertTrue(fx(bar::isVisible), "a scroll bar over the whole result");
      assertTrue(fx(bar::getWidth) > 4, "the whole-result bar is laid out: " + fx(bar::getWidth));

      // Page Down from the first row well past the first window: the selection and the rows on
      // screen stay the result's rows while the window moves on.
      waitFor(
          "the first rows drawn",
          () -> w.robot.lookup("#event-table .table-row-cell").queryAll().size() > 3);
      w.robot.clickOn(
          w.robot.lookup("#event-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
      for (int i = 0; i < 40; i++) {
        w.robot.type(KeyCode.PAGE_DOWN);
      }
      waitFor("the window to move on", () -> fx(t::firstVisibleIndex) > 450);
      assertShowsResultRowsFrom(v, fx(t::firstVisibleIndex));
      int selected = fx(t::selectedRow);
      assertTrue(selected > 450, "selected row " + selected);
      AuditEvent atSelection =
          v.viewModel().cache().page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, selected, 1).get(0);
      waitFor(
          "the details of the selected row",
          () -> {
            AuditEvent shown = fx(() -> v.viewModel().selectedEventProperty().get());
            return shown != null && shown.id().equals(atSelection.id());
          });
      assertTrue(fx(bar::getValue) > 450, "the bar follows the position in the whole result");

      // Wheel-like scrolling (pixels, as a trackpad sends) back up across the window's edge.
      for (int i = 0; i < 200; i++) {
        fx(
            () -> {
              var flow =
                  (javafx.scene.control.skin.VirtualFlow<?>) t.table().lookup(".virtual-flow");
              flow.scrollPixels(-3 * t.table().getFixedCellSize());
              return null;
            });
      }
      waitFor("the top rows again", () -> fx(t::firstVisibleIndex) < 100);
      assertShowsResultRowsFrom(v, fx(t::firstVisibleIndex));

      // End goes to the oldest event of all 3,000, not of the window.
      waitFor(
          "rows drawn", () -> w.robot.lookup("#event-table .table-row-cell").queryAll().size() > 3);
      // A row on screen: the flow keeps spare cells off screen, and lookup order is not row order.
      int onScreen = fx(t::firstVisibleIndex) + 2;
      w.robot.clickOn(
          w.robot
              .lookup("#event-table .table-row-cell")
              .match(
                  (javafx.scene.control.TableRow<?> r) -> r.isVisible() && r.getIndex() == onScreen)
              .queryAs(javafx.scene.Node.class));
      w.robot.type(KeyCode.END);
      waitFor("the last row selected", () -> fx(t::selectedRow) == 2_999);
      AuditEvent oldest =
          v.viewModel().cache().page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 2_999, 1).get(0);
      waitFor(
          "the details of the oldest event",
          () -> {
            AuditEvent shown = fx(() -> v.viewModel().selectedEventProperty().get());
            return shown != null && shown.id().equals(oldest.id());
          });
      w.robot.type(KeyCode.HOME);
      waitFor("the first row selected", () -> fx(t::selectedRow) == 0);

      // A jump to the middle, then dragging the whole-result bar to near the end.
      fx(
          () -> {
            t.scrollToRow(1_700);
            return null;
          });
      waitFor("row 1,700 on screen", () -> Math.abs(fx(t::firstVisibleIndex) - 1_700) < 30);
      assertShowsResultRowsFrom(v, fx(t::firstVisibleIndex));
      fx(
          () -> {
            bar.setValue(2_900);
            return null;
          });
      waitFor("row 2,900 on screen", () -> Math.abs(fx(t::firstVisibleIndex) - 2_900) < 30);
      assertShowsResultRowsFrom(v, fx(t::firstVisibleIndex));
    }
  }

  /** The loaded rows on screen are the result's rows at their positions, in order. */
  private static void assertShowsResultRowsFrom(MainView v, int first) {
    EventTable t = v.eventTable();
    waitFor(
        "the rows on screen to load",
        () ->
            fx(
                () -> {
                  int local = t.table().getItems().indexOf(t.rows().get(first));
                  return local >= 0 && t.table().getItems().get(local).loaded();
                }));
    java.util.List<AuditEvent> expected =
        v.viewModel().cache().page(t.rows().query(), t.rows().order(), first, 5);
    for (int i = 0; i < expected.size(); i++) {
      int row = first + i;
      AuditEvent shown =
          fx(
              () -> {
                int local = t.table().getItems().indexOf(t.rows().get(row));
                return t.table().getItems().get(local).event();
              });
      if (shown != null) {
        assertEquals(expected.get(i).id(), shown.id(), "row " + row);
      }
    }
  }
}
