package dev.auditdesk.ui.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.ResourceTypes;
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

/** The resource type column names a type in words and explains it on hover, as actions are. */
class ResourceTypeTooltipTest extends ApplicationTest {

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
    String json = SampleEvents.templateChangeWithSecret().rawJson();
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
  void aResourceTypeCellShowsItsFriendlyNameAndExplainsTheRawTypeOnHover() {
    WaitForAsyncUtils.waitForFxEvents();
    String type = cache.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 1).get(0).resourceType();
    assertTrue(ResourceTypes.isKnown(type), type);
    Labeled cell =
        lookup(".table-cell")
            .match(n -> n instanceof Labeled l && ResourceTypes.label(type).equals(l.getText()))
            .queryAs(Labeled.class);

    javafx.scene.control.Tooltip tip = cell.getTooltip();

    assertEquals(type + " \u2014 " + ResourceTypes.explanation(type), tip.getText());
    assertFalse(ResourceTypes.explanation(type).isBlank());
  }
}
