package dev.auditdesk.ui.app;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.filters.FacetPicker;
import dev.auditdesk.ui.table.EventRow;
import dev.auditdesk.ui.table.EventRows;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real window against a demo deployment started here on a free port. */
class MainWindowTest {

  static final int EVENTS = 3_000;
  static DemoServer demo;

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @BeforeAll
  static void startDemo() {
    demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(EVENTS));
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

  @Test
  void aWrongPasswordIsSaidInPlainWordsUnderThePassword() {
    w.signIn(demo.url().toString(), demo.email(), "not-the-password");
    waitFor(
        "the password error",
        () -> w.text("#password-error").equals(Messages.get("login.error.BAD_CREDENTIALS")));
    assertTrue(w.app.mainView().isEmpty(), "still on the sign-in screen");
  }

  @Test
  void anAddressThatIsNotCoderIsSaidSoUnderTheUrl() {
    w.robot.clickOn("#url-field").write(demo.url() + "/not-coder").type(KeyCode.ENTER);
    waitFor(
        "the URL error", () -> w.text("#url-error").equals(Messages.get("login.error.NOT_CODER")));
    assertTrue(w.robot.lookup("#credentials").query().isDisabled(), "no credentials asked yet");
  }

  @Test
  void signingInLandsOnTheTableWithEverySyncedEventNewestFirst() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    long total = w.cache().total();
    assertEquals(demo.visibleEvents(), total, "the sync read the whole history");
    assertEquals("%,d events".formatted(total), w.text("#count-label"));
    assertFalse(
        w.robot.lookup("#audit-log-notice").query().isVisible(),
        "a licensed deployment shows no licence warning");
    AuditEvent newest = w.cache().page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0);
    assertEquals(newest.id(), fx(() -> v.eventTable().table().getItems().get(0).event().id()));
    assertTrue(
        fx(() -> v.eventTable().rows().pagesHeld()) <= EventRows.MAX_PAGES,
        "the table holds a few pages, not every event");
  }

  @Test
  void theStatusBarSaysTheCacheIsVerifiedCompleteAndItsDialogSaysWhy() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    w.waitForSyncedTable();
    waitFor(
        "the completeness note",
        () -> w.text("#status-verified").startsWith("Verified complete through"));
    w.robot.clickOn("#status-verified");
    waitFor(
        "the completeness dialog",
        () ->
            w.robot.lookup(".dialog-pane").tryQuery().isPresent()
                && Messages.get("completeness.header.complete")
                    .equals(
                        w.robot
                            .lookup(".dialog-pane")
                            .queryAs(javafx.scene.control.DialogPane.class)
                            .getHeaderText()));
    w.robot.type(KeyCode.ENTER);
    waitFor("the dialog to close", () -> w.robot.lookup(".dialog-pane").tryQuery().isEmpty());
  }

  @Test
  void eachOfTheFourFiltersNarrowsTheRowsAndTheCountLikeTheCache() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    long total = w.cache().total();
    for (Facet f : MainViewModel.FILTERS) {
      List<FacetValue> choices = w.choices(f);
      FacetValue pick = choices.get(Math.min(1, choices.size() - 1));
      AuditQuery expected = AuditQuery.ALL.with(f, Set.of(pick.value()));
      long n = w.cache().count(expected);
      assertEquals(n, pick.count(), f.title() + " shows the count the cache has");

      w.check(f, pick.value());
      w.waitForQuery();

      assertEquals(expected, w.query(), f.title() + " changed the one query model");
      assertTrue(n > 0 && n < total, f.title() + " narrows: " + n + " of " + total);
      assertEquals(n, rows(v));
      assertEquals("%,d of %,d events".formatted(n, total), w.text("#count-label"));
      AuditEvent first = fx(() -> v.eventTable().table().getItems().get(0).event());
      assertEquals(w.cache().page(expected, SortOrder.NEWEST_FIRST, 0, 1).get(0), first);

      w.robot.clickOn("#clear-filters");
      w.waitForQuery();
      assertEquals(AuditQuery.ALL, w.query());
      assertEquals(total, rows(v));
    }
  }

  @Test
  void theQueryFieldAndTheFiltersAgreeBothWays() throws Exception {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();

    // Query field -> filters.
    w.robot.clickOn("#query-field").write("action:delete").type(KeyCode.ENTER);
    w.waitForQuery();
    assertEquals(Set.of("delete"), w.query().actions());
    FacetPicker action = v.filterBar().picker(Facet.ACTION);
    assertEquals(
        Messages.get("filter.selectedOne", Facet.ACTION.title(), "deleted"), fx(action::getText));
    long deletes = w.cache().count(w.query());
    assertEquals(deletes, rows(v));

    // Filters -> query field.
    FacetValue user = w.choices(Facet.USER).get(0);
    w.check(Facet.USER, user.value());
    w.waitForQuery();
    AuditQuery both =
        AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")).with(Facet.USER, Set.of(user.value()));
    assertEquals(both, w.query());
    TextField field = w.robot.lookup("#query-field").queryAs(TextField.class);
    waitFor("the query field to follow", () -> CoderQuery.parse(field.getText()).equals(both));
    assertTrue(field.getText().contains("username:"), field.getText());

    // A bad text shows the parser's message; the table keeps the last good result.
    long rowsBefore = rows(v);
    w.robot.clickOn(field).type(KeyCode.END).write(" colour:blue").type(KeyCode.ENTER);
    String expectedMessage;
    try {
      CoderQuery.parse(field.getText());
      throw new AssertionError("the parser accepted " + field.getText());
    } catch (CoderQuery.QueryParseException e) {
      expectedMessage = e.getMessage();
    }
    waitFor("the parser's message", () -> w.text("#query-error").equals(expectedMessage));
    assertTrue(w.robot.lookup("#query-error").query().isVisible());
    assertEquals(both, w.query(), "the query model kept the last good query");
    assertEquals(rowsBefore, rows(v));
  }

  @Test
  void clickingAColumnHeaderSortsAllMatchingEventsNotJustTheLoadedPage() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    TableView<EventRow> table = v.eventTable().table();
    long total = w.cache().total();

    w.robot.clickOn(header("User"));
    w.waitForQuery();
    SortOrder byUser = new SortOrder(SortColumn.USER, true);
    assertEquals(byUser, w.main().viewModel().queryModel().sort());
    assertRowsMatchCache(table, byUser, 0);

    // The last row of the table is the last of all events in that order.
    fx(
        () -> {
          table.scrollTo((int) total - 1);
          return null;
        });
    assertRowsMatchCache(table, byUser, (int) total - 1);

    w.robot.clickOn(header("User"));
    w.waitForQuery();
    SortOrder byUserDesc = new SortOrder(SortColumn.USER, false);
    assertEquals(byUserDesc, w.main().viewModel().queryModel().sort());
    assertRowsMatchCache(table, byUserDesc, 0);
    assertFalse(
        w.cache()
            .page(AuditQuery.ALL, byUser, 0, 1)
            .equals(w.cache().page(AuditQuery.ALL, byUserDesc, 0, 1)),
        "the demo has more than one user");
  }

  @Test
  void escInTheQueryFieldOrTheSearchFieldClearsThatFilterAndShowsEveryEventAgain() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    long total = w.cache().total();

    w.robot.clickOn("#query-field").write("action:delete").type(KeyCode.ENTER);
    w.waitForQuery();
    long deletes = w.cache().count(AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")));
    assertTrue(deletes > 0 && deletes < total, deletes + " of " + total);
    assertEquals(deletes, rows(v));
    w.robot.type(KeyCode.ESCAPE);
    waitForEveryEvent(v, total);
    assertEquals("", fx(() -> v.filterBar().queryField().getText()));

    String target =
        w.cache().page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0).resourceTarget();
    long matching = w.cache().count(AuditQuery.ALL.withText(target));
    assertTrue(matching > 0 && matching < total, matching + " of " + total);
    w.robot.clickOn("#search-field").write(target);
    waitFor("the search to narrow the table", () -> w.query().text().equals(target));
    w.waitForQuery();
    assertEquals(matching, rows(v));
    w.robot.type(KeyCode.ESCAPE);
    waitForEveryEvent(v, total);
    assertEquals("", fx(() -> v.filterBar().searchField().getText()));
  }

  private void waitForEveryEvent(MainView v, long total) {
    waitFor(
        "every event again",
        () ->
            w.query().equals(AuditQuery.ALL)
                && rows(v) == total
                && w.text("#count-label").equals("%,d events".formatted(total)));
  }

  @Test
  void aNarrowWindowShortensTheConnectionTextFirstAndKeepsTheCountsWhole() {
    w.signIn(demo.url().toString(), demo.email(), demo.password());
    MainView v = w.waitForSyncedTable();
    waitFor("the cache figures", () -> !w.text("#status-cache").isEmpty());
    Label connection = w.robot.lookup("#status-connection").queryAs(Label.class);
    String fullConnection = connection.getText();
    // The tests share one window: leave it as wide as it was found.
    double width = fx(() -> v.getScene().getWindow().getWidth());
    try {
      // As wide as the headless screen allows.
      resize(v, 1400);
      String wide = shown("#status-connection");

      // The narrowest the window gets (AuditDeskApp's minimum width).
      resize(v, 900);
      waitFor(
          "the connection text to give way",
          () -> shown("#status-connection").length() < wide.length());
      for (String whole :
          List.of(
              "#status-cache", "#sync-status", "#count-label", "#status-size", "#status-online")) {
        assertEquals(w.text(whole), shown(whole), whole + " is shown whole");
      }
      assertEquals(fullConnection, fx(() -> connection.getTooltip().getText()));

      // Wide again, the connection text takes its room back.
      String narrow = shown("#status-connection");
      resize(v, 1400);
      waitFor(
          "the connection text to grow again",
          () -> shown("#status-connection").length() > narrow.length() + 10);
    } finally {
      resize(v, width);
    }
  }

  private static void resize(MainView v, double width) {
    fx(
        () -> {
          v.getScene().getWindow().setWidth(width);
          return null;
        });
    waitFor("the window to be " + width + " wide", () -> fx(() -> v.getWidth() == width));
    javafx.scene.Parent bar = (javafx.scene.Parent) v.lookup("#status-bar");
    javafx.scene.Parent line = (javafx.scene.Parent) v.lookup("#status-sync");
    // The status bar may take a second layout pass to settle what each text gets.
    waitFor(
        "the status bar to settle", () -> fx(() -> !bar.isNeedsLayout() && !line.isNeedsLayout()));
  }

  /** The text a label draws, which ends in an ellipsis when the label is too short for it. */
  private String shown(String selector) {
    Label l = w.robot.lookup(selector).queryAs(Label.class);
    return fx(
        () ->
            l.lookup(".text") instanceof javafx.scene.text.Text t && l.isVisible()
                ? t.getText()
                : "");
  }

  private static long rows(MainView v) {
    return fx(() -> v.eventTable().table().getItems().size());
  }

  private void assertRowsMatchCache(TableView<EventRow> table, SortOrder order, int index) {
    AuditEvent expected = w.cache().page(AuditQuery.ALL, order, index, 1).get(0);
    waitFor("row " + index + " to load", () -> fx(() -> table.getItems().get(index).loaded()));
    assertEquals(expected.id(), fx(() -> table.getItems().get(index).event().id()));
  }

  private Node header(String title) {
    return w.robot
        .lookup(".column-header .label")
        .match((Label l) -> title.equals(l.getText()))
        .query();
  }
}
