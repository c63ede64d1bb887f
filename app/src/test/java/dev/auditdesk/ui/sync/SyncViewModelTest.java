package dev.auditdesk.ui.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.session.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's sync against the real demo server over loopback into a real H2 cache, with no JavaFX
 * stage: one thread stands in for the FX thread, the session's pool does the work.
 */
class SyncViewModelTest {

  @TempDir Path caches;
  private DemoServer server;
  private CoderClient client;
  private AuditCache cache;
  private final ScheduledExecutorService background = Workers.session();
  private final ExecutorService fxThread = Executors.newSingleThreadExecutor();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger syncsStarted = new AtomicInteger();
  private Session session;
  private SyncViewModel vm;

  @BeforeEach
  void signIn() throws Exception {
    server = DemoServer.start(DemoConfig.defaults().withEvents(400).withSeed(7).withPort(0));
    Deployment d = new Deployment(server.url(), "");
    client = CoderClient.create(d, ClientOptions.defaults());
    client.login(server.email(), DemoServer.PASSWORD.toCharArray());
    cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE);
    session = new Session(d, cache, client, server.email(), "", null, true);
  }

  /** The window's sync of the signed-in session, timer set to {@code interval}. */
  private void open(Duration interval) throws Exception {
    vm =
        new SyncViewModel(
            session,
            new SyncEngine(client, cache, SyncSettings.defaults().withInterval(interval)),
            refreshes::incrementAndGet,
            background,
            fxThread);
    onFx(
        () -> {
          vm.runningProperty()
              .addListener(
                  (o, was, now) -> {
                    if (now) {
                      syncsStarted.incrementAndGet();
                    }
                  });
          vm.start();
          return null;
        });
  }

  @AfterEach
  void close() throws Exception {
    if (vm != null) {
      onFx(
          () -> {
            vm.dispose();
            return null;
          });
    }
    background.shutdownNow();
    background.awaitTermination(10, TimeUnit.SECONDS);
    fxThread.shutdownNow();
    cache.close();
    client.close();
    server.close();
  }

  @Test
  void theFirstSyncFillsTheCacheRefreshesTheTableAndSaysWhen() throws Exception {
    open(Duration.ofHours(1));

    waitFor("the first sync", () -> vm.completedProperty().get());

    assertEquals(server.visibleEvents(), cache.count(AuditQuery.ALL));
    assertTrue(refreshes.get() >= 1, "the table was told about the new events");
    assertEquals("Synced just now", onFx(() -> vm.statusTextProperty().get()));
    assertFalse(onFx(() -> vm.failedProperty().get()));
    assertTrue(onFx(vm::scheduled), "the next sync is on the timer");
  }

  @Test
  void anExpiredSessionStopsTheTimerAndAsksToSignInAgain() throws Exception {
    open(Duration.ofMillis(200));
    waitFor("the first sync", () -> vm.completedProperty().get());
    waitFor("a sync from the timer", () -> syncsStarted.get() >= 2 && !vm.runningProperty().get());

    server.expireAllTokens();
    onFx(
        () -> {
          vm.syncNow();
          return null;
        });
    waitFor("the refusal", () -> vm.signInNeededProperty().get());

    String status = onFx(() -> vm.statusTextProperty().get());
    assertTrue(status.startsWith("Sync stopped: "), status);
    assertTrue(status.contains("expired"), status);
    assertTrue(status.endsWith("Sign in again to sync."), status);
    assertFalse(onFx(vm::scheduled), "the timer stopped");
    int requests = server.auditRequests() + server.connectionLogRequests();
    Thread.sleep(1_000);
    assertEquals(
        requests,
        server.auditRequests() + server.connectionLogRequests(),
        "no sync tried the refused token again");
  }

  @Test
  void anOfflineSessionNeverSyncs() throws Exception {
    Session offline = Session.offline(new Deployment(server.url(), ""), cache);
    SyncViewModel off =
        new SyncViewModel(offline, null, refreshes::incrementAndGet, background, fxThread);
    onFx(
        () -> {
          off.start();
          off.syncNow();
          return null;
        });

    assertFalse(onFx(() -> off.canSyncProperty().get()));
    assertTrue(onFx(() -> off.statusTextProperty().get()).startsWith("Offline"));
    assertFalse(onFx(off::scheduled));
    onFx(
        () -> {
          off.dispose();
          return null;
        });
  }

  private <T> T onFx(Callable<T> c) throws Exception {
    return fxThread.submit(c).get(30, TimeUnit.SECONDS);
  }

  private void waitFor(String what, Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!onFx(condition)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
