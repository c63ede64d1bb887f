package dev.auditdesk.ui.app;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.ui.settings.UiSettings;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start on the test screen (1400×900): the whole window is on the screen, every column of
 * the default layout fits the table's width with its header and its times, statuses and addresses
 * whole, and the details pane waits for a selection.
 */
class WindowFitsScreenTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  @Test
  void theDefaultLayoutFitsTheScreenAndTheDetailsPaneOpensWithTheFirstSelection() throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(1_500))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      TableView<EventRow> table = v.eventTable().table();

      Rectangle2D screen = fx(() -> Screen.getPrimary().getVisualBounds());
      Window window = fx(() -> v.getScene().getWindow());
      assertTrue(fx(() -> window.getY()) >= screen.getMinY(), "the menu bar is on screen");
      assertTrue(
          fx(() -> window.getY() + window.getHeight()) <= screen.getMaxY(),
          "the window's bottom is on screen");
      Node statusBar = w.robot.lookup("#status-bar").query();
      Bounds bar = fx(() -> statusBar.localToScreen(statusBar.getBoundsInLocal()));
      assertTrue(bar.getMaxY() <= screen.getMaxY(), "the status bar is on screen: " + bar);

      SplitPane split = w.robot.lookup("#main-split").queryAs(SplitPane.class);
      assertEquals(1, (int) fx(() -> split.getItems().size()), "no details pane yet");

      waitFor("the columns to fit the table", () -> fx(() -> columnsFit(table)));
      assertFalse(fx(() -> horizontalBarShows(table)), "no horizontal scroll bar");
      for (Label header : fx(() -> headers(table))) {
        assertTrue(
            fx(() -> header.prefWidth(-1) <= header.getWidth() + 0.5),
            "header whole: " + header.getText());
      }
      Set<String> whole = Set.of("col-time", "col-status", "col-ip");
      List<TableCell<?, ?>> cells = fx(() -> cells(table));
      assertFalse(cells.isEmpty());
      for (TableCell<?, ?> c : cells) {
        if (whole.contains(c.getTableColumn().getId()) && c.getText() != null) {
          assertTrue(
              fx(() -> c.prefWidth(-1) <= c.getWidth() + 0.5),
              c.getTableColumn().getId() + " whole: " + c.getText());
        }
      }

      w.robot.clickOn(".event-table .table-row-cell");
      waitFor("the details pane", () -> fx(() -> split.getItems().size()) == 2);
      double divider = fx(() -> split.getDividerPositions()[0]);
      assertEquals(UiSettings.DEFAULT_DETAILS_DIVIDER, divider, 0.01);
      assertTrue(fx(() -> w.robot.lookup("#details-headline").tryQuery().isPresent()));
    }
  }

  /** The visible columns end inside the table (18 px for the vertical scroll bar). */
  private static boolean columnsFit(TableView<EventRow> table) {
    double sum = 0;
    for (TableColumn<EventRow, ?> c : table.getVisibleLeafColumns()) {
      sum += c.getWidth();
    }
    return sum <= table.getWidth() - 18 + 0.5 && sum >= table.getWidth() - 40;
  }

  private static boolean horizontalBarShows(TableView<?> table) {
    return table.lookupAll(".scroll-bar").stream()
        .anyMatch(
            n ->
                n instanceof ScrollBar b
                    && b.getOrientation() == Orientation.HORIZONTAL
                    && b.isVisible());
  }

  private static List<Label> headers(TableView<?> table) {
    return table.lookupAll(".column-header .label").stream()
        .filter(n -> n instanceof Label l && l.isVisible() && !l.getText().isEmpty())
        .map(n -> (Label) n)
        .toList();
  }

  private static List<TableCell<?, ?>> cells(TableView<?> table) {
    return table.lookupAll(".table-row-cell .table-cell").stream()
        .filter(n -> n instanceof TableCell<?, ?> c && c.isVisible() && c.getTableColumn() != null)
        .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
        .toList();
  }
}
