package dev.auditdesk.ui.table;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.app.Themes;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** A crafted workspace name in the table: its bidi override shows as a marker, never reorders. */
class EventTableHiddenCharactersTest extends ApplicationTest {

  @TempDir static Path home;
  private H2AuditCache cache;
  private EventTable table;

  @Override
  public void start(Stage stage) throws Exception {
    cache =
        CacheStore.open(
            home.resolve("caches"),
            Deployment.parse("https://coder.example.com"),
            CacheStore.OpenMode.READ_WRITE);
    String json =
        SampleEvents.templateChangeWithSecret()
            .rawJson()
            .replace("\"docker-dev\"", "\"invoice\\u202Etxt.exe\"")
            .replace("\"10.0.4.17\"", "\"10.0.4.17\\u0000\\u200F\"");
    cache.upsert(List.of(SampleEvents.parse(json)));
    List<AuditEvent> first = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100);
    new Themes(() -> false).apply();
    table = new EventTable(new QueryModel());
    table.setRows(
        new EventRows(
            cache, AuditQuery.ALL, SortOrder.NEWEST_FIRST, 1, first, Runnable::run, Runnable::run),
        false);
    Scene scene = new Scene(new javafx.scene.layout.StackPane(table.node()), 1400, 400);
    Themes.style(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    cache.close();
  }

  @Test
  void aRightToLeftOverrideInATargetShowsAsAMarker() {
    WaitForAsyncUtils.waitForFxEvents();
    List<String> cells =
        lookup(".table-cell").queryAll().stream()
            .filter(n -> n instanceof Labeled l && l.getText() != null)
            .map(n -> ((Labeled) n).getText())
            .toList();
    assertTrue(cells.contains("invoice\u27e8U+202E\u27e9txt.exe"), cells.toString());
    assertTrue(cells.contains("10.0.4.17\u27e8U+0000\u27e9\u27e8U+200F\u27e9"), cells.toString());
    for (String c : cells) {
      assertFalse(c.contains("\u202E") || c.contains("\u200F") || c.contains("\u0000"), c);
    }
  }
}
