package dev.auditdesk.ui.app;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Open team archive" in the real window: an archive on a real PostgreSQL, filled by the sync from
 * the demo server, opened from the sign-in screen, then filtered with the same controls as a cache.
 */
class ArchiveWindowTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  @Test
  void anAuditorOpensTheTeamArchiveFiltersItAndSeesTheRows() throws Exception {
    ArchiveUrl db = TestPostgres.get().newDatabase();
    long total;
    try (DemoServer s =
            DemoServer.start(DemoConfig.defaults().withEvents(1_200).withSeed(5).withPort(0));
        CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      PostgresArchive.init(db);
      try (PostgresArchive a = PostgresArchive.open(db)) {
        c.login(s.email(), DemoServer.PASSWORD.toCharArray());
        a.rememberDeployment(new Deployment(s.url(), s.deploymentId()), "test");
        new SyncEngine(c, a, SyncSettings.defaults()).run(null, null);
        total = a.total();
      }
    }
    assertEquals(1_200, total);

    w.launch(home);
    w.robot.clickOn("#archive-section .title");
    String address = "postgresql://127.0.0.1:" + db.port() + "/" + db.database();
    w.robot.clickOn("#archive-address").write(address);
    w.robot.clickOn("#archive-user").write(db.user());
    w.robot.clickOn("#archive-password").write("wrong-password");
    w.robot.clickOn("#open-archive");
    waitFor("the refusal", () -> w.text("#archive-error").contains("refused the user name"));
    assertFalse(w.text("#archive-error").contains("wrong-password"));
    assertTrue(w.app.loginView().isPresent(), "still at the sign-in screen");

    fx(
        () -> {
          w.app.loginView().get().lookup("#archive-password").requestFocus();
          ((javafx.scene.control.PasswordField) w.app.loginView().get().lookup("#archive-password"))
              .clear();
          return null;
        });
    w.robot.clickOn("#archive-password").write(db.password());
    w.robot.clickOn("#open-archive");
    waitFor("the main window", () -> w.app.mainView().isPresent());
    MainView v = w.main();
    assertTrue(v.viewModel().cache() instanceof PostgresArchive, "the window reads the archive");
    waitFor(
        "every archived event in the table",
        () ->
            !v.viewModel().queryingProperty().get()
                && v.viewModel().matchingProperty().get() == total
                && v.eventTable().rowCount() == total);
    // The status bar speaks of the archive, not of a cache on this computer.
    waitFor("the status bar's counts", () -> w.text("#status-cache").contains("1,200"));
    assertEquals("Team archive", w.text("#status-online"));
    assertTrue(
        w.text("#status-cache").startsWith("1,200 events in the archive, since "),
        w.text("#status-cache"));
    assertTrue(w.text("#status-size").startsWith("Archive "), w.text("#status-size"));
    // Read-only here: nothing can be imported into the team's archive from a window on it.
    assertFalse(
        fx(() -> v.fileMenu().getItems().stream().anyMatch(i -> "menu-import".equals(i.getId()))),
        "no File ▸ Import on the archive");

    FacetValue action = w.choices(Facet.ACTION).get(0);
    w.check(Facet.ACTION, action.value());
    w.waitForQuery();
    long expected =
        v.viewModel().cache().count(AuditQuery.ALL.with(Facet.ACTION, Set.of(action.value())));
    assertEquals(action.count(), expected, "the filter's count is the archive's");
    waitFor("the filtered rows", () -> v.eventTable().rowCount() == expected);
    AuditEvent first = fx(() -> v.eventTable().table().getItems().get(0).event());
    assertEquals(action.value(), first.action());
    assertTrue(expected < total, "the filter narrowed the table");

    // Help ▸ Verify this archive: whole, then an event edited in the database is named.
    String whole = verifyArchive();
    assertTrue(whole.contains("1200 links account for all 1200 events in the archive"), whole);
    assertTrue(whole.contains("The chain ends with link 1199:"), whole);
    assertTrue(whole.contains("This computer now keeps link 1199:"), whole);
    waitFor(
        "the headline",
        () -> w.robot.lookup(Messages.get("verifyArchive.whole")).tryQuery().isPresent());
    w.robot.type(KeyCode.ESCAPE);
    String edited;
    try (Connection c = TestPostgres.get().admin(db.database());
        Statement st = c.createStatement()) {
      try (ResultSet r = st.executeQuery("SELECT id FROM archive_chain WHERE seq = 700")) {
        assertTrue(r.next());
        edited = r.getString(1);
      }
      st.executeUpdate(
          "UPDATE audit_event SET raw = replace(raw, '\"action\":', '\"action\" :') WHERE id = '"
              + edited
              + "'");
    }
    String broken = verifyArchive();
    assertTrue(
        broken.contains("Event " + edited + " (position 700) was changed after AuditDesk"), broken);
    // The dialog lays its header out on the next pulse, which may follow the result's text.
    waitFor(
        "the headline naming the position",
        () -> w.robot.lookup(Messages.get("verifyArchive.broken", 700)).tryQuery().isPresent());
    assertTrue(broken.contains("This computer keeps the link it noted before"), broken);
    w.robot.type(KeyCode.ESCAPE);

    // Put right, the chain is whole again and holds the link this computer noted; rewritten at
    // its end (chain and head together), the noted link catches it without the auditor typing it.
    try (Connection c = TestPostgres.get().admin(db.database());
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE audit_event SET raw = replace(raw, '\"action\" :', '\"action\":') WHERE id = '"
              + edited
              + "'");
      String again = verifyArchive();
      assertTrue(
          again.contains("Checked against the link this computer noted")
              && again.contains("at position 1199"),
          again);
      w.robot.type(KeyCode.ESCAPE);
      st.executeUpdate("UPDATE archive_chain SET hash = sha256(hash) WHERE seq = 1199");
      st.executeUpdate(
          "UPDATE archive_meta SET value = '1199:1200:' || encode((SELECT hash FROM"
              + " archive_chain WHERE seq = 1199), 'hex') WHERE key = 'chain_head'");
    }
    String rewritten = verifyArchive();
    assertTrue(rewritten.contains("The link at position 1199 is not the one you noted"), rewritten);
  }

  /** Help ▸ Verify this archive…, waits for the result and returns its text. */
  private String verifyArchive() {
    w.robot.clickOn(Messages.get("menu.help")).clickOn(Messages.get("verifyArchive.menu"));
    waitFor(
        "the verification's result",
        () ->
            w.robot.lookup("#verify-cache-result").queryAllAs(TextArea.class).stream()
                .anyMatch(t -> t.isVisible() && !t.getText().isEmpty()));
    return w.robot.lookup("#verify-cache-result").queryAllAs(TextArea.class).stream()
        .filter(t -> t.isVisible() && !t.getText().isEmpty())
        .findFirst()
        .orElseThrow()
        .getText();
  }
}
