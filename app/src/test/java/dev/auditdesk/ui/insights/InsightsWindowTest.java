package dev.auditdesk.ui.insights;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.Rule;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Insights panel in the real window, over a demo deployment with the planted patterns. */
class InsightsWindowTest {

  static DemoServer demo;

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @BeforeAll
  static void startDemo() {
    demo =
        DemoServer.start(
            DemoConfig.defaults().withPort(0).withEvents(3_000).withInsightPatterns(true));
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @BeforeEach
  void launch() throws Exception {
    w.launch(home);
  }

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  @SuppressWarnings("unchecked")
  private TableView<Finding> findings() {
    return (TableView<Finding>) w.robot.lookup("#insights-table").query();
  }

  @Test
  void ctrlIOpensThePanelAndClickingAFindingShowsExactlyItsEvents() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    long total = v.viewModel().cache().total();

    w.robot.press(KeyCode.CONTROL).type(KeyCode.I).release(KeyCode.CONTROL);
    waitFor("the Insights panel", () -> w.robot.lookup("#insights-table").tryQuery().isPresent());
    TableView<Finding> table = findings();
    waitFor("the findings", () -> fx(() -> !table.getItems().isEmpty()));
    assertTrue(
        w.text("#insights-summary").matches("[\\d,]+ findings: .*"), w.text("#insights-summary"));
    int k = WindowDriver.firstRow(table, Integer.MAX_VALUE, f -> f.ip().equals("203.0.113.66"));
    assertTrue(k >= 0, "the burst of failed sign-ins is listed");
    Finding burst = fx(() -> table.getItems().get(k));
    w.clickRow(table, k);

    waitFor(
        "the table filtered to the finding", () -> w.query().ids().equals(Set.copyOf(burst.ids())));
    w.waitForQuery();
    waitFor(
        "exactly the finding's events",
        () -> v.viewModel().matchingProperty().get() == burst.ids().size());
    waitFor(
        "every row loaded",
        () -> fx(() -> v.eventTable().table().getItems().stream().allMatch(EventRow::loaded)));
    assertEquals(14, burst.ids().size());
    assertEquals(Set.copyOf(burst.ids()), rowIds(v));
    assertTrue(total > 14);
  }

  @Test
  void theRuleMenuCountsEachRuleAndNarrowsThePanelToItsFindings() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    w.robot.press(KeyCode.CONTROL).type(KeyCode.I).release(KeyCode.CONTROL);
    waitFor("the Insights panel", () -> w.robot.lookup("#insights-table").tryQuery().isPresent());
    TableView<Finding> table = findings();
    waitFor("the findings", () -> fx(() -> !table.getItems().isEmpty()));
    int all = fx(() -> table.getItems().size());
    long deletions =
        fx(() -> table.getItems().stream().filter(f -> f.rule() == Rule.MASS_DELETION).count());
    assertEquals(1, deletions, "the planted mass deletion");

    w.robot.clickOn("#insights-filter-rule");
    MenuButton rules = w.robot.lookup("#insights-filter-rule").query();
    String label =
        fx(
            () ->
                rules.getItems().stream()
                    .filter(i -> "insights-filter-rule-mass-deletion".equals(i.getId()))
                    .findFirst()
                    .orElseThrow()
                    .getText());
    assertEquals("Mass deletion (1)", label);
    w.robot.clickOn("#insights-filter-rule-mass-deletion");
    waitFor("only the mass deletion", () -> fx(() -> table.getItems().size() == 1));
    assertEquals(Rule.MASS_DELETION, fx(() -> table.getItems().get(0).rule()));
    assertEquals("Rule: Mass deletion", fx(rules::getText));
    assertTrue(
        w.text("#insights-summary").startsWith("Showing 1 of " + all + " findings"),
        w.text("#insights-summary"));

    Finding mass = fx(() -> table.getItems().get(0));
    w.robot.clickOn(
        w.robot
            .from(table)
            .lookup(".table-row-cell")
            .match(n -> ((TableRow<?>) n).getIndex() == 0)
            .<Node>query());
    waitFor(
        "the table filtered to the deletions",
        () -> w.query().ids().equals(Set.copyOf(mass.ids())));
    w.waitForQuery();
    waitFor(
        "exactly the deletions", () -> v.viewModel().matchingProperty().get() == mass.ids().size());
    assertEquals(24, mass.ids().size());

    w.robot.clickOn("#insights-filter-clear");
    waitFor("every finding again", () -> fx(() -> table.getItems().size() == all));
    assertEquals("Rule", fx(rules::getText));
  }

  private static Set<String> rowIds(MainView v) {
    return fx(
        () -> {
          Set<String> ids = new HashSet<>();
          for (EventRow r : v.eventTable().table().getItems()) {
            ids.add(r.event().id());
          }
          return ids;
        });
  }
}
