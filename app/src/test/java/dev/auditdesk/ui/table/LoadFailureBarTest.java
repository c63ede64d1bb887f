package dev.auditdesk.ui.table;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.app.Themes;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;

/** Rows the cache cannot read are said over the table, with Retry, not left as silent blanks. */
class LoadFailureBarTest extends ApplicationTest {

  @TempDir static Path home;
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final Executor loader = Workers.latestFirst(pool);
  private H2AuditCache cache;
  private EventTable table;
  private EventRows rows;

  @Override
  public void start(Stage stage) throws Exception {
    cache =
        CacheStore.open(
            home.resolve("caches"),
            Deployment.parse("https://failing.example.com"),
            CacheStore.OpenMode.READ_WRITE);
    cache.upsert(
        SampleEvents.series(
            500, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1), "e"));
    List<AuditEvent> first = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100);
    new Themes(() -> false).apply();
    table = new EventTable(new QueryModel());
    rows =
        new EventRows(
            cache, AuditQuery.ALL, SortOrder.NEWEST_FIRST, 500, first, loader, Platform::runLater);
    table.setRows(rows, false);
    Scene scene = new Scene(new javafx.scene.layout.StackPane(table.node()), 1200, 400);
    Themes.style(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    cache.close();
    pool.shutdownNow();
  }

  @Test
  void rowsTheClosedCacheCannotReadAreNamedOverTheTableAndRetryAsksAgain() {
    Node bar = lookup("#load-failure").query();
    assertFalse(fx(bar::isVisible), "no failure while every row loads");

    cache.close();
    RuntimeException why =
        assertThrows(
            RuntimeException.class,
            () -> cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 400, 100));
    String expected = Messages.get("table.loadFailed", 401, 500, why.getMessage());
    fx(
        () -> {
          table.scrollToRow(400);
          return null;
        });

    waitFor("the failure over the table", () -> fx(bar::isVisible));
    assertEquals(expected, fx(() -> rows.failureProperty().get()));
    assertEquals(expected, lookup("#load-failure-text").queryLabeled().getText());
    assertNull(fx(() -> rows.get(400).event()), "the rows stay empty, not someone else's");

    Button retry = lookup("#load-failure-retry").queryButton();
    boolean hiddenWhileRetrying =
        fx(
            () -> {
              retry.fire();
              return !bar.isVisible();
            });
    assertTrue(hiddenWhileRetrying, "Retry clears the failure and asks the cache again");
    waitFor("the failure again: the cache is still closed", () -> fx(bar::isVisible));
    assertEquals(expected, lookup("#load-failure-text").queryLabeled().getText());
  }
}
