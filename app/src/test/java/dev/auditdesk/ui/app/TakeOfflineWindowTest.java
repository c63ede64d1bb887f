package dev.auditdesk.ui.app;

import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.AppDirs;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.testing.SampleEvents;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File ▸ Take offline… in the real window on a team archive (a real PostgreSQL): the window's
 * filter is copied into this computer's cache, checked against the archive, then opened offline.
 */
class TakeOfflineWindowTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  @Test
  void anAuditorTakesTheFilteredArchiveOfflineChecksItAndOpensItOffline() throws Exception {
    ArchiveUrl db = TestPostgres.get().newDatabase();
    PostgresArchive.init(db);
    long bob;
    try (PostgresArchive a = PostgresArchive.open(db)) {
      a.rememberDeployment(Deployment.parse("https://coder.example.com"), "test");
      Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(20));
      a.upsert(SampleEvents.series(1_500, start, Duration.ofMinutes(15), "ev"));
      bob = a.count(AuditQuery.ALL.with(Facet.USER, Set.of("bob")));
    }

    w.launch(home);
    w.robot.clickOn("#archive-section .title");
    w.robot
        .clickOn("#archive-address")
        .write("postgresql://127.0.0.1:" + db.port() + "/" + db.database());
    w.robot.clickOn("#archive-user").write(db.user());
    w.robot.clickOn("#archive-password").write(db.password());
    w.robot.clickOn("#open-archive");
    waitFor("the main window", () -> w.app.mainView().isPresent());
    w.waitForQuery();
    w.check(Facet.USER, "bob");
    w.waitForQuery();

    w.robot.clickOn("#menu-file").clickOn("#menu-take-offline");
    waitFor(
        "the take-offline window",
        () -> w.robot.lookup("#take-offline-dialog").tryQuery().isPresent());
    assertEquals("Slice: username:bob", w.text("#take-offline-slice"));
    w.robot.clickOn("#take-offline-start");
    waitFor("the copy's result", () -> w.text("#take-offline-status").startsWith("Took "));
    String took = w.text("#take-offline-status");
    assertTrue(took.startsWith(String.format("Took %,d events", bob)), took);
    assertTrue(took.contains(AppDirs.caches().toString()), "into the usual caches folder: " + took);

    // The window grows to fit the result once the job has ended: until then the buttons may be
    // below its edge, where a click cannot reach them.
    waitFor(
        "the check button on screen",
        () ->
            w.robot
                .lookup("#take-offline-check")
                .match(org.testfx.util.NodeQueryUtils.isVisible())
                .tryQuery()
                .isPresent());
    w.robot.clickOn("#take-offline-check");
    waitFor("the check's result", () -> w.text("#take-offline-status").startsWith("The offline"));
    assertTrue(
        w.text("#take-offline-status")
            .startsWith(String.format("The offline cache holds the same %,d events", bob)),
        w.text("#take-offline-status"));
    w.robot.clickOn("#take-offline-close");

    w.close();
    w.launch(home);
    waitFor(
        "the slice's deployment in the offline list",
        () -> !w.app.loginView().get().viewModel().offlineDeployments().isEmpty());
    w.robot.clickOn("#open-offline");
    waitFor("the main window", () -> w.app.mainView().isPresent());
    MainView v = w.main();
    assertTrue(!(v.viewModel().cache() instanceof PostgresArchive), "offline: the H2 cache");
    waitFor("bob's events, offline", () -> v.viewModel().matchingProperty().get() == bob);
  }
}
