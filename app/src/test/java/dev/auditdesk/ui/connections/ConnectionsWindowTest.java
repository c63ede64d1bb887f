package dev.auditdesk.ui.connections;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The connection log in the real window, against a demo deployment started here. */
class ConnectionsWindowTest {

  static DemoServer demo;

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @BeforeAll
  static void startDemo() {
    demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(2_000));
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
  private TableView<ConnectionRow> connectionTable() {
    return (TableView<ConnectionRow>) w.robot.lookup("#connection-table").query();
  }

  private boolean showing(String id) {
    Node n = w.robot.lookup(id).tryQuery().orElse(null);
    return n != null && n.getScene() != null && n.isVisible();
  }

  @Test
  void switchFilterByTypeOpenAConnectionAndFollowTheCrossLinksBothWays() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    ConnectionLogCache log = ((H2AuditCache) w.cache()).connections();
    waitFor("the connection log synced", () -> log.total() == 1_200);

    w.robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
    waitFor("the Connections view", () -> showing("#connections-view"));
    assertTrue(fx(() -> ((ToggleButton) w.robot.lookup("#log-connections").query()).isSelected()));
    waitFor("every connection counted", () -> w.text("#conn-count").equals("1,200 connections"));

    w.robot.clickOn("#conn-filter-family").clickOn("#conn-filter-family-ssh");
    long ssh = log.count(ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.SSH)));
    waitFor(
        "the SSH connections",
        () -> w.text("#conn-count").equals(String.format("%,d of 1,200 connections", ssh)));
    TableView<ConnectionRow> table = connectionTable();
    fx(
        () -> {
          for (int i = 0; i < Math.min(50, table.getItems().size()); i++) {
            assertEquals(ConnectionType.SSH, table.getItems().get(i).family());
          }
          return null;
        });

    // A connection to a workspace that has audit events too (the demo has thousands of workspaces).
    int k =
        WindowDriver.firstRow(
            table,
            ConnectionRows.PAGE_SIZE,
            r ->
                w.cache()
                        .count(
                            AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of(r.workspaceName())))
                    > 0);
    assertTrue(k >= 0, "an SSH connection to a workspace with audit events");
    ConnectionRow first = fx(() -> table.getItems().get(k));
    w.clickRow(table, k);
    waitFor("the connection's details", () -> showing("#conn-details-raw"));
    assertEquals(first, fx(() -> table.getSelectionModel().getSelectedItem()));
    assertEquals(
        first.rawJson(),
        fx(() -> ((TextArea) w.robot.lookup("#conn-details-raw").query()).getText()));
    assertTrue(w.text("#conn-details-headline").contains(first.workspaceName()));

    w.robot.clickOn("#conn-show-audit");
    waitFor("the audit log again", () -> showing("#main-split"));
    waitFor(
        "the workspace's audit events",
        () -> w.query().values(Facet.RESOURCE_TARGET).equals(Set.of(first.workspaceName())));
    w.waitForQuery();

    TableView<EventRow> events = v.eventTable().table();
    int onWorkspace =
        fx(
            () -> {
              for (int i = 0; i < events.getItems().size(); i++) {
                AuditEvent e = events.getItems().get(i).eventProperty().get();
                if (e != null && e.resourceType().startsWith("workspace")) {
                  return i;
                }
              }
              return -1;
            });
    assertTrue(onWorkspace >= 0, "the demo has audit events on workspace " + first.workspaceName());
    fx(
        () -> {
          events.getSelectionModel().clearAndSelect(onWorkspace);
          events.scrollTo(onWorkspace);
          return null;
        });
    AuditEvent event = fx(() -> events.getItems().get(onWorkspace).eventProperty().get());
    waitFor("the event's details", () -> showing("#details-related"));
    w.robot.clickOn("#details-related").clickOn("#details-related-connections");

    waitFor("the Connections view again", () -> showing("#connections-view"));
    ConnectionQuery around =
        ConnectionQuery.ALL
            .withWorkspace(first.workspaceName())
            .withRange(
                new dev.auditdesk.model.DateRange(
                    event.time().minus(Duration.ofDays(1)), event.time().plus(Duration.ofDays(1))));
    long n = log.count(around);
    waitFor(
        "the workspace's connections within a day of the event",
        () -> w.text("#conn-count").equals(String.format("%,d of 1,200 connections", n)));
  }

  @Test
  void aDeniedTunnelStandsOutAsAFailedAuditRowDoes() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    w.waitForSyncedTable();
    ConnectionLogCache log = ((H2AuditCache) w.cache()).connections();
    waitFor("the connection log synced", () -> log.total() == 1_200);
    w.robot.clickOn("#log-connections");
    waitFor("every connection counted", () -> w.text("#conn-count").equals("1,200 connections"));

    w.robot.clickOn("#conn-filter-family").clickOn("#conn-filter-family-tunnel");
    long tunnels = log.count(ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.TUNNEL)));
    waitFor(
        "the tunnels",
        () -> w.text("#conn-count").equals(String.format("%,d of 1,200 connections", tunnels)));
    TableView<ConnectionRow> table = connectionTable();
    int denied =
        fx(
            () -> {
              for (int i = 0; i < table.getItems().size(); i++) {
                ConnectionRow r = table.getItems().get(i);
                if (r != null && r.failed()) {
                  table.scrollTo(i);
                  return i;
                }
              }
              return -1;
            });
    assertTrue(denied >= 0, "the demo denies some tunnels");
    WaitForAsyncUtils.waitForFxEvents();

    TableRow<?> row =
        w.robot
            .from(table)
            .lookup(".table-row-cell")
            .match(n -> ((TableRow<?>) n).getIndex() == denied)
            .query();
    assertTrue(
        fx(() -> row.getPseudoClassStates().contains(ConnectionColumns.FAILED)),
        "marked as a failed audit row is");
    assertTrue(
        w
            .robot
            .from(row)
            .lookup(".table-cell")
            .queryAllAs(javafx.scene.control.TableCell.class)
            .stream()
            .anyMatch(c -> "denied".equals(c.getText())),
        "its status says denied");
  }
}
