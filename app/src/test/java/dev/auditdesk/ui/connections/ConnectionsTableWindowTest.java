package dev.auditdesk.ui.connections;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.files.SavedViewsViewModel;
import dev.auditdesk.ui.testing.WindowDriver;
import dev.auditdesk.ui.timeline.TimelineChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Menu;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Connections table as the audit table: header sorting by the cache, Ctrl+C, the timeline and
 * saved column widths, in the real window against a demo deployment started here.
 */
class ConnectionsTableWindowTest {

  static DemoServer demo;

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();
  ConnectionLogCache log;

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

  private void openConnections() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    w.waitForSyncedTable();
    log = ((H2AuditCache) w.cache()).connections();
    waitFor("the connection log synced", () -> log.total() == 1_200);
    w.robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
    waitFor("every connection counted", () -> w.text("#conn-count").equals("1,200 connections"));
  }

  @SuppressWarnings("unchecked")
  private TableView<ConnectionRow> table() {
    return (TableView<ConnectionRow>) w.robot.lookup("#connection-table").query();
  }

  private TableColumn<ConnectionRow, ?> column(String id) {
    return fx(
        () -> table().getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().get());
  }

  private Node header(String id) {
    TableColumn<ConnectionRow, ?> col = column(id);
    return w.robot
        .from(table())
        .lookup(".column-header")
        .match(n -> n instanceof TableColumnHeader h && h.getTableColumn() == col)
        .query();
  }

  private List<String> shownIds(int n) {
    return fx(
        () -> table().getItems().subList(0, n).stream().map(r -> r == null ? "" : r.id()).toList());
  }

  private List<String> cacheIds(ConnectionSort sort, int n) {
    ConnectionRows rows = fx(() -> (ConnectionRows) table().getItems());
    return log.page(ConnectionQuery.ALL, sort, rows.now(), 0, n).stream()
        .map(ConnectionRow::id)
        .toList();
  }

  @Test
  void clickingAHeaderSortsEveryConnectionAndCtrlCCopiesTheSelectedRows() {
    openConnections();

    w.robot.clickOn(header("conn-col-user"));
    ConnectionSort byUser = new ConnectionSort(ConnectionSort.Column.USER, true);
    waitFor("sorted by user", () -> shownIds(50).equals(cacheIds(byUser, 50)));
    TableColumn<ConnectionRow, ?> user = column("conn-col-user");
    assertEquals(List.of(user), fx(() -> List.copyOf(table().getSortOrder())), "the arrow shows");
    assertEquals(TableColumn.SortType.ASCENDING, fx(user::getSortType));
    List<String> users =
        fx(() -> table().getItems().subList(0, 50).stream().map(ConnectionRow::username).toList());
    assertEquals(users.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), users);

    w.robot.clickOn(header("conn-col-user"));
    ConnectionSort byUserDown = new ConnectionSort(ConnectionSort.Column.USER, false);
    waitFor("the other way round", () -> shownIds(50).equals(cacheIds(byUserDown, 50)));

    // An IP has no column in the cache to sort by: its header does nothing.
    w.robot.clickOn(header("conn-col-ip"));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(
        byUserDown, fx(() -> table().getItems() instanceof ConnectionRows r ? r.sort() : null));

    w.robot.clickOn(w.robot.from(table()).lookup(".table-row-cell").<Node>query());
    w.robot.press(KeyCode.SHIFT).type(KeyCode.DOWN, KeyCode.DOWN).release(KeyCode.SHIFT);
    w.robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    waitFor(
        "three rows on the clipboard",
        () -> {
          String s = fx(() -> Clipboard.getSystemClipboard().getString());
          return s != null && s.lines().count() == 4;
        });
    List<String> lines = fx(() -> Clipboard.getSystemClipboard().getString()).lines().toList();
    assertTrue(
        lines
            .get(0)
            .startsWith("Time connected (your time zone)\tType of connection\tWorkspace owner"),
        "a header of the full column names: " + lines.get(0));
    assertEquals(12, lines.get(0).split("\t").length, "every visible column");
    List<ConnectionRow> selected =
        fx(() -> List.copyOf(table().getSelectionModel().getSelectedItems()));
    for (int i = 0; i < 3; i++) {
      String[] cells = lines.get(i + 1).split("\t", -1);
      assertEquals(selected.get(i).username(), cells[3], "row " + i + " user");
      assertEquals(selected.get(i).workspaceName(), cells[4], "row " + i + " workspace");
    }
  }

  @Test
  void draggingAcrossTheTimelineSetsTheDateFilterAndDoubleClickClearsIt() {
    openConnections();
    TimelineChart chart =
        (TimelineChart) w.robot.lookup("#conn-timeline").lookup("#timeline-chart").query();
    waitFor("bars", () -> fx(() -> !chart.timelineProperty().get().isEmpty()));
    assertTrue(w.text("#conn-timeline #timeline-summary").startsWith("1,200 connections"));

    Point2D a = fx(() -> chart.localToScreen(chart.getWidth() * 0.55, chart.getHeight() / 2));
    Point2D b = fx(() -> chart.localToScreen(chart.getWidth() * 0.95, chart.getHeight() / 2));
    w.robot.drag(a, MouseButton.PRIMARY).dropTo(b);

    waitFor("a date range", () -> fx(() -> !rangeOfView().isAll()));
    DateRange r = fx(this::rangeOfView);
    long n = log.count(ConnectionQuery.ALL.withRange(r));
    assertTrue(n > 0 && n < 1_200, "a part of the log: " + n);
    waitFor(
        "the count of the range",
        () -> w.text("#conn-count").equals(String.format("%,d of 1,200 connections", n)));
    DatePicker from = (DatePicker) w.robot.lookup("#conn-date-from").query();
    assertEquals(
        r.firstDay(java.time.ZoneId.systemDefault()),
        fx(from::getValue),
        "the date filter shows it");

    w.robot.doubleClickOn(chart);
    waitFor("all time again", () -> w.text("#conn-count").equals("1,200 connections"));
  }

  private DateRange rangeOfView() {
    return ((ConnectionRows) table().getItems()).query().range();
  }

  @Test
  void theConnectionTablesColumnWidthsAreKeptForTheNextStart() throws Exception {
    openConnections();
    TableColumn<ConnectionRow, ?> ws = column("conn-col-workspace");
    double before = fx(ws::getWidth);
    fx(() -> table().resizeColumn(ws, 60));
    double after = fx(ws::getWidth);
    assertTrue(after > before + 50, "resized: " + before + " -> " + after);
    double audit = fx(() -> w.main().eventTable().table().getColumns().get(0).getWidth());

    w.close();
    w.launch(home);
    w.robot.clickOn("#open-offline"); // the cache of the first start, chosen already
    waitFor("the main window", () -> w.app.mainView().isPresent());
    w.robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
    waitFor("every connection counted", () -> w.text("#conn-count").equals("1,200 connections"));

    assertEquals(after, fx(() -> column("conn-col-workspace").getWidth()), 1.0);
    assertEquals(
        audit,
        fx(() -> w.main().eventTable().table().getColumns().get(0).getWidth()),
        1.0,
        "the audit table's layout is its own");
  }

  private ConnectionsViewModel vm() {
    return w.app.window().orElseThrow().connections();
  }

  private String countOf(ConnectionQuery q) {
    long n = log.count(q);
    return n == 1_200 ? "1,200 connections" : String.format("%,d of 1,200 connections", n);
  }

  @Test
  void aFiltersSearchFindsAnyValueAndADatePresetSetsTheRange() {
    openConnections();
    List<FacetValue> workspaces =
        fx(() -> List.copyOf(vm().facetValues(ConnectionFacet.WORKSPACE)));
    assertTrue(workspaces.size() > FacetMenu.SHOWN, "more workspaces than the menu lists");
    String rare = workspaces.get(workspaces.size() - 1).value();

    w.robot.clickOn("#conn-filter-workspace");
    w.robot.clickOn("#conn-filter-workspace-search").write(rare);
    String itemId = "#conn-filter-workspace-" + rare.replaceAll("[^a-z0-9_-]", "_");
    waitFor("the value found", () -> w.robot.lookup(itemId).tryQuery().isPresent());
    w.robot.clickOn(itemId);
    waitFor(
        "the workspace's connections",
        () -> w.text("#conn-count").equals(countOf(ConnectionQuery.ALL.withWorkspace(rare))));
    w.robot.type(KeyCode.ESCAPE);

    w.robot.clickOn("#conn-clear-filters");
    waitFor("all again", () -> w.text("#conn-count").equals("1,200 connections"));
    Instant before = Instant.now();
    w.robot.clickOn("#conn-date-presets").clickOn("#conn-date-7d");
    waitFor("a range", () -> fx(() -> !vm().queryProperty().get().range().isAll()));
    DateRange r = fx(() -> vm().queryProperty().get().range());
    assertTrue(
        Duration.between(before.minus(Duration.ofDays(7)), r.from()).abs().getSeconds() < 60,
        "from seven days ago: " + r.from());
    assertEquals(Instant.MAX, r.to());
    waitFor(
        "the last seven days counted",
        () -> w.text("#conn-count").equals(countOf(ConnectionQuery.ALL.withRange(r))));
  }

  @Test
  void aSavedViewOfTheConnectionLogRemembersItsLogFiltersSortAndColumns() throws Exception {
    openConnections();
    w.robot.clickOn("#conn-filter-family").clickOn("#conn-filter-family-ssh");
    ConnectionQuery ssh = ConnectionQuery.ALL.withFamilies(Set.of(ConnectionType.SSH));
    waitFor("the SSH connections", () -> w.text("#conn-count").equals(countOf(ssh)));
    w.robot.clickOn(header("conn-col-user"));
    ConnectionSort byUser = new ConnectionSort(ConnectionSort.Column.USER, true);
    waitFor("sorted by user", () -> fx(() -> vm().sortProperty().get()).equals(byUser));
    fx(
        () -> {
          column("conn-col-ip").setVisible(false);
          return null;
        });
    SavedViewsViewModel views = w.app.window().orElseThrow().savedViews();
    fx(
        () -> {
          views.saveCurrent("SSH by user");
          return null;
        });
    waitFor("saved", () -> fx(() -> views.views().size()) == 1);
    Path file;
    try (var files = Files.list(w.app.services().configDir().resolve("views"))) {
      file = files.findFirst().orElseThrow();
    }
    assertTrue(
        Files.readString(file).contains("\"log\" : \"connections\""), Files.readString(file));

    w.robot.clickOn("#conn-clear-filters");
    fx(
        () -> {
          column("conn-col-ip").setVisible(true);
          vm().sortProperty().set(ConnectionSort.NEWEST_FIRST);
          return null;
        });
    w.robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
    waitFor("the audit log", () -> fx(() -> !vm().shownProperty().get()));

    Menu saved =
        fx(
            () ->
                (Menu)
                    w.main().fileMenu().getItems().stream()
                        .filter(i -> i instanceof Menu)
                        .flatMap(i -> ((Menu) i).getItems().stream())
                        .filter(i -> "SSH by user (connections)".equals(i.getText()))
                        .findFirst()
                        .orElseThrow());
    fx(
        () -> {
          saved.getItems().get(0).fire();
          return null;
        });

    waitFor("the Connections view", () -> fx(() -> vm().shownProperty().get()));
    waitFor("the SSH connections again", () -> w.text("#conn-count").equals(countOf(ssh)));
    assertEquals(byUser, fx(() -> vm().sortProperty().get()));
    assertEquals(List.of(column("conn-col-user")), fx(() -> List.copyOf(table().getSortOrder())));
    assertTrue(!fx(() -> column("conn-col-ip").isVisible()), "the hidden column stays hidden");
  }
}
