package dev.auditdesk.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.export.Verifier;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.testing.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export of the window's view over a real H2 cache, with no JavaFX stage: work runs in the caller.
 */
class ExportViewModelTest {

  @TempDir Path caches;
  @TempDir Path dir;
  private AuditCache cache;
  private final SimpleObjectProperty<AuditQuery> query =
      new SimpleObjectProperty<>(AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")));
  private final SimpleObjectProperty<SortOrder> sort =
      new SimpleObjectProperty<>(SortOrder.NEWEST_FIRST);
  private ExportViewModel vm;

  @BeforeEach
  void openCache() throws Exception {
    cache =
        CacheStore.open(
            caches, Deployment.parse("https://coder.example.com"), CacheStore.OpenMode.READ_WRITE);
    cache.upsert(
        SampleEvents.createWriteDelete(
            300, Instant.parse("2026-11-01T00:00:00Z"), "workspace", "ws", "alice"));
    vm = new ExportViewModel(() -> cache, query, sort, Runnable::run, Runnable::run);
  }

  @AfterEach
  void close() throws Exception {
    cache.close();
  }

  @Test
  void writesTheViewsEventsInItsOrderWithAManifestThatVerifies() throws Exception {
    Path out = dir.resolve("deletes.ndjson");
    vm.formatProperty().set(ExportFormat.NDJSON);
    vm.fileProperty().set(out.toString());

    assertTrue(vm.start());

    assertFalse(vm.job().runningProperty().get());
    assertFalse(vm.job().failedProperty().get());
    assertEquals(1.0, vm.job().progressProperty().get());
    assertTrue(
        vm.job().statusProperty().get().startsWith("Exported 100 events to deletes.ndjson."),
        vm.job().statusProperty().get());
    List<String> lines = Files.readAllLines(out);
    assertEquals(100, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.contains("\"action\":\"delete\"")));
    assertTrue(lines.get(0).contains("2026-10-31T23:58:00Z"), "newest first: " + lines.get(0));
    assertTrue(Files.exists(ExportManifest.pathFor(out)));
    assertTrue(Verifier.verify(out).ok());
    assertEquals(100, vm.resultProperty().get().manifest().rows());
  }

  @Test
  void withoutAFileItAsksForOneAndWritesNothing() throws Exception {
    vm.fileProperty().set("  ");

    assertFalse(vm.start());

    assertTrue(vm.job().failedProperty().get());
    assertEquals("Choose a file to export to.", vm.job().statusProperty().get());
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aFileThatCannotBeWrittenSaysWhyAndLeavesNothing() throws Exception {
    Path blocked = dir.resolve("not-a-folder");
    Files.writeString(blocked, "a file where a folder should be");
    vm.fileProperty().set(blocked.resolve("out.csv").toString());

    assertTrue(vm.start());

    assertFalse(vm.job().runningProperty().get());
    assertTrue(vm.job().failedProperty().get());
    assertTrue(
        vm.job().statusProperty().get().startsWith("The export failed: "),
        vm.job().statusProperty().get());
    assertTrue(vm.job().statusProperty().get().endsWith("No file was written."));
    assertEquals(null, vm.resultProperty().get());
  }
}
