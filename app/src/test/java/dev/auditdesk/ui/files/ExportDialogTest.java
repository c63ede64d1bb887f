package dev.auditdesk.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.export.Verifier;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.testing.Fx;
import dev.auditdesk.ui.testing.SampleEvents;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class ExportDialogTest extends ApplicationTest {

  @TempDir Path dir;

  private final SimpleObjectProperty<AuditQuery> query =
      new SimpleObjectProperty<>(AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")));
  private final SimpleObjectProperty<SortOrder> sort =
      new SimpleObjectProperty<>(SortOrder.NEWEST_FIRST);
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private H2AuditCache cache;
  private ExportViewModel vm;

  @Override
  public void start(Stage stage) throws Exception {
    cache =
        CacheStore.open(
            Files.createTempDirectory("auditdesk-export-ui"),
            new Deployment(URI.create("https://coder.example.com"), ""),
            CacheStore.OpenMode.READ_WRITE);
    cache.upsert(
        SampleEvents.createWriteDelete(
            300, Instant.parse("2026-11-01T00:00:00Z"), "workspace", "ws", "alice"));
    vm = new ExportViewModel(() -> cache, query, sort, executor, Platform::runLater);
    stage.setScene(new Scene(new ExportDialog(vm, stage::close)));
    stage.show();
  }

  @AfterEach
  void tearDown() throws Exception {
    FxToolkit.cleanupStages();
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
    cache.close();
  }

  private String status() {
    return Fx.get(() -> lookup("#export-status").queryAs(Label.class).getText());
  }

  @Test
  void exportingTheCurrentViewWritesItsEventsAndAVerifiableManifest() throws Exception {
    Path out = dir.resolve("deletes.csv");
    clickOn("#export-format-ndjson");
    clickOn("#export-file").write(dir.resolve("deletes.csv").toString());
    assertEquals(
        out.toString(), Fx.get(() -> lookup("#export-file").queryAs(TextField.class).getText()));
    clickOn("#export-format-ndjson");
    clickOn("#export-format-csv");
    clickOn("#export-start");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.job().runningProperty().get());
    WaitForAsyncUtils.waitForFxEvents();

    assertTrue(status().startsWith("Exported 100 events to deletes.csv"), status());
    assertEquals(101, Files.readAllLines(out).size());
    assertTrue(Files.readString(out).lines().skip(1).allMatch(l -> l.contains(",delete,")));
    assertTrue(Files.exists(ExportManifest.pathFor(out)));
    assertTrue(Verifier.verify(out).ok());
  }

  @Test
  void changingTheFormatChangesTheFileExtension() {
    clickOn("#export-file").write(dir.resolve("view.csv").toString());
    clickOn("#export-format-json");
    assertEquals(
        dir.resolve("view.json").toString(),
        Fx.get(() -> lookup("#export-file").queryAs(TextField.class).getText()));
  }

  @Test
  void aCancelledExportSaysSoAndLeavesNoFile() throws Exception {
    Path out = dir.resolve("never.ndjson");
    // Hold the export thread so the cancel surely comes before the export could finish.
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    executor.submit(
        () -> {
          hold.await();
          return null;
        });
    interact(
        () -> {
          vm.fileProperty().set(out.toString());
          vm.start();
          vm.cancel();
        });
    hold.countDown();
    WaitForAsyncUtils.waitForFxEvents();
    executor.submit(() -> {}).get(10, TimeUnit.SECONDS);
    assertEquals("Export cancelled. No file was written.", status());
    assertFalse(Files.exists(out));
    assertFalse(Fx.get(() -> vm.job().runningProperty().get()));
  }

  @Test
  void exportWithoutAFileAsksForOne() {
    interact(() -> vm.start());
    assertEquals("Choose a file to export to.", status());
  }
}
