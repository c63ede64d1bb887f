package dev.auditdesk.ui.app;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.table.EventTable;
import dev.auditdesk.ui.testing.WindowDriver;
import dev.auditdesk.ui.timeline.TimelineChart;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The details pane, timeline, copy, layout, theme and deployment switcher in the real window. */
class PolishedWindowTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  private MainWindow features() {
    return w.app.window().orElseThrow();
  }

  @Test
  void arrowKeysMoveTheSelectionAndTheDetailsFollowTimelineDragNarrowsAndCtrlCCopies()
      throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(2_000))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      TableView<EventRow> table = v.eventTable().table();
      long total = w.cache().total();

      // Details follow the selection, also when the arrow keys move it.
      waitFor(
          "a row laid out on screen",
          () ->
              w.robot
                  .lookup(".event-table .table-row-cell")
                  .match(org.testfx.matcher.base.NodeMatchers.isVisible())
                  .tryQuery()
                  .isPresent());
      w.robot.clickOn(".event-table .table-row-cell");
      AuditEvent first = fx(() -> table.getItems().get(0).event());
      waitFor(
          "details of the first row",
          () -> first.equals(features().details().eventProperty().get()));
      w.robot.type(KeyCode.DOWN);
      waitFor(
          "details of the second row",
          () -> fx(() -> table.getSelectionModel().getSelectedIndex()) == 1);
      AuditEvent second = fx(() -> table.getItems().get(1).event());
      assertEquals(second, fx(() -> features().details().eventProperty().get()));
      assertEquals(second.filledDescription(), w.text("#details-headline"));

      // Ctrl+C: the selected rows as TSV with a header of the visible columns.
      w.robot.press(KeyCode.SHIFT).type(KeyCode.DOWN, KeyCode.DOWN).release(KeyCode.SHIFT);
      w.robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
      waitFor(
          "the rows on the clipboard",
          () ->
              fx(() -> Clipboard.getSystemClipboard().getString()) != null
                  && fx(() -> Clipboard.getSystemClipboard().getString()).lines().count() == 4);
      List<String> lines = fx(() -> Clipboard.getSystemClipboard().getString()).lines().toList();
      String header =
          String.join(
              "\t",
              fx(() -> table.getVisibleLeafColumns().stream().map(TableColumn::getText).toList()));
      assertEquals(header, lines.get(0));
      assertTrue(lines.get(1).contains(EventTable.user(second)), lines.get(1));
      assertTrue(lines.get(1).endsWith(second.filledDescription()), lines.get(1));

      // Dragging across the timeline narrows the query, the table and the count.
      waitFor("the timeline", () -> !features().timeline().timelineProperty().get().isEmpty());
      TimelineChart chart = w.robot.lookup("#timeline-chart").queryAs(TimelineChart.class);
      Point2D a = fx(() -> chart.localToScreen(chart.getWidth() * 0.55, chart.getHeight() / 3));
      Point2D b = fx(() -> chart.localToScreen(chart.getWidth() * 0.80, chart.getHeight() / 3));
      w.robot.drag(a, MouseButton.PRIMARY).dropTo(b);
      w.waitForQuery();
      DateRange range = w.query().range();
      assertTrue(range.hasFrom() && range.hasTo(), "a date range was set: " + range);
      long n = w.cache().count(AuditQuery.ALL.withRange(range));
      assertTrue(n > 0 && n < total, n + " of " + total);
      assertEquals(n, v.viewModel().matchingProperty().get());
      assertEquals(n, (long) fx(() -> table.getItems().size()));
      assertEquals("%,d of %,d events".formatted(n, total), w.text("#count-label"));
    }
  }

  @Test
  void columnLayoutAndThemeSurviveARestartAndEachCachedDeploymentOpensOffline() throws Exception {
    long firstTotal;
    try (DemoServer one = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(1_200));
        DemoServer two =
            DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(700).withSeed(7))) {
      w.launch(home);
      w.signIn(one.url().toString(), one.email(), one.password());
      MainView v = w.waitForSyncedTable();
      firstTotal = w.cache().total();
      TableView<EventRow> table = v.eventTable().table();
      w.robot.interact(
          () -> {
            TableColumn<EventRow, ?> ip = column(table, "col-ip");
            ip.setVisible(false);
            TableColumn<EventRow, ?> status = column(table, "col-status");
            table.getColumns().remove(status);
            table.getColumns().add(0, status);
            table.resizeColumn(column(table, "col-user"), 64);
          });
      double userWidth = fx(() -> column(table, "col-user").getWidth());
      w.robot.clickOn("#menu-view").clickOn("#menu-theme").clickOn("#menu-theme-dark");
      assertEquals(Themes.DARK_CSS, Application.getUserAgentStylesheet());
      w.robot.clickOn("#menu-file").clickOn("#menu-sign-out");
      waitFor("the sign-in screen", () -> w.app.loginView().isPresent());
      w.robot.interact(
          () -> {
            javafx.scene.control.ComboBox<?> url =
                w.robot.lookup("#url-field").queryAs(javafx.scene.control.ComboBox.class);
            url.getEditor().clear();
            url.setValue(null);
          });
      w.signIn(two.url().toString(), two.email(), two.password());
      w.waitForSyncedTable();
      w.close();

      // Restart with both servers still running: the layout and theme are as left.
      Application.setUserAgentStylesheet(Themes.LIGHT_CSS);
      w.launch(home);
      assertEquals(Themes.DARK_CSS, Application.getUserAgentStylesheet(), "dark again");
      w.robot.clickOn("#open-offline");
      waitFor("the main window", () -> w.app.mainView().isPresent());
      TableView<EventRow> again = w.main().eventTable().table();
      assertEquals("col-status", fx(() -> again.getColumns().get(0).getId()));
      assertFalse(fx(() -> column(again, "col-ip").isVisible()));
      assertEquals(userWidth, fx(() -> column(again, "col-user").getWidth()), 1.0);
      Deployment opened = w.main().viewModel().session().deployment();

      // The switcher lists both caches; choosing the other opens it offline.
      Deployment other =
          opened.label().equals(Deployment.parse(one.url().toString()).label())
              ? Deployment.parse(two.url().toString())
              : Deployment.parse(one.url().toString());
      long otherTotal =
          other.label().equals(Deployment.parse(one.url().toString()).label()) ? firstTotal : -1;
      w.robot.clickOn("#deployment-switcher");
      w.robot.clickOn(
          (Labeled l) -> l.getText() != null && l.getText().startsWith(other.label() + " —"));
      waitFor(
          "the other deployment",
          () ->
              w.app.mainView().isPresent()
                  && w.main().viewModel().session().deployment().label().equals(other.label()));
      MainView switched = w.main();
      assertFalse(switched.viewModel().session().online(), "opened offline");
      waitFor(
          "its cached events",
          () ->
              switched.viewModel().matchingProperty().get() == switched.viewModel().cache().total()
                  && switched.viewModel().cache().total() > 0);
      if (otherTotal > 0) {
        assertEquals(otherTotal, switched.viewModel().cache().total());
      }
      waitFor("the status bar to say offline", () -> w.text("#status-online").equals("Offline"));
    }
  }

  @SuppressWarnings("unchecked")
  private static TableColumn<EventRow, ?> column(TableView<EventRow> t, String id) {
    return t.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
  }
}
