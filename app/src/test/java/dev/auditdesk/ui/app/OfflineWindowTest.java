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
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an auditor on a plane sees: the cache, with no server at all. */
class OfflineWindowTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();

  @AfterEach
  void close() throws Exception {
    w.close();
  }

  @Test
  void theAppOpenedOfflineShowsTheCachedEventsWithTheServerStopped() throws Exception {
    AuditEvent newest;
    long cached;
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(2_000))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      w.waitForSyncedTable();
      cached = w.cache().total();
      newest = w.cache().page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0);
      w.close();
    }

    w.launch(home);
    waitFor(
        "the cached deployment in the offline list",
        () -> !w.app.loginView().get().viewModel().offlineDeployments().isEmpty());
    w.robot.clickOn("#open-offline");
    waitFor("the main window", () -> w.app.mainView().isPresent());
    MainView v = w.main();
    waitFor("the cached events", () -> v.viewModel().matchingProperty().get() == cached);
    assertEquals(cached, (long) fx(() -> v.eventTable().table().getItems().size()));
    AuditEvent first = fx(() -> v.eventTable().table().getItems().get(0).event());
    assertEquals(newest.time(), first.time(), "the newest cached event comes first");
    assertEquals(
        newest, v.viewModel().cache().page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0));
    assertEquals(newest.id(), first.id());
    assertFalse(v.syncViewModel().canSyncProperty().get(), "offline: nothing to sync with");
    waitFor(
        "the status line to say offline",
        () -> w.text("#sync-status").startsWith(Messages.get("sync.offline")));
  }

  @Test
  void aDeploymentWithoutTheAuditLogLicenceSignsInAndSaysSoAboveTheTable() throws Exception {
    try (DemoServer demo =
        DemoServer.start(DemoConfig.defaults().withEvents(800).withAuditEntitled(false))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      assertTrue(w.robot.lookup("#audit-log-notice").query().isVisible(), "the warning shows");
      assertEquals(Messages.get("main.notice.noAuditLog"), w.text("#audit-log-notice"));
      assertTrue(w.app.loginView().isEmpty(), "signed in, not held at the sign-in screen");
      // What the server kept from before is synced and shown like any other events.
      assertEquals(800, v.viewModel().cache().total());
      assertEquals(800L, (long) fx(() -> v.eventTable().table().getItems().size()));
    }
  }

  @Test
  void aQueryTheCacheCannotAnswerSaysWhyAboveTheTableWithRetry() throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(500))) {
      w.launch(home);
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      long shown = fx(() -> (long) v.eventTable().table().getItems().size());
      javafx.scene.Node banner = v.lookup("#query-failed-banner");
      assertFalse(fx(banner::isVisible), "no error while it works");

      // The cache stops answering (closed under the window, as a failing disk would).
      v.viewModel().cache().close();
      fx(
          () -> {
            v.viewModel().applyQueryText("action:delete");
            return null;
          });

      waitFor("the error above the table", () -> fx(banner::isVisible));
      String error = fx(() -> ((javafx.scene.control.Label) v.lookup("#query-failed")).getText());
      assertTrue(error.startsWith("The events could not be read from the cache: "), error);
      assertTrue(fx(() -> v.lookup("#query-failed-retry").isVisible()), "Retry is offered");
      assertEquals(shown, (long) fx(() -> v.eventTable().table().getItems().size()));

      w.robot.clickOn("#query-failed-retry");
      waitFor("the retried query to end", () -> !fx(() -> v.viewModel().queryingProperty().get()));
      assertTrue(fx(banner::isVisible), "still failing, still said");
    }
  }

  @Test
  void tryTheDemoDeploymentStartsItAndSignsIn() throws Exception {
    System.setProperty("auditdesk.demo.events", "1500");
    try {
      w.launch(home);
      w.robot.clickOn("#try-demo");
      MainView v = w.waitForSyncedTable();
      // The 1,500 asked for plus the few events the demo plants for Insights, every day verified.
      long total = v.viewModel().cache().total();
      assertTrue(total >= 1_500 && total < 1_600, "the demo's events: " + total);
      assertTrue(v.viewModel().cache().completeness().complete(), "verified complete");
    } finally {
      System.clearProperty("auditdesk.demo.events");
    }
  }
}
