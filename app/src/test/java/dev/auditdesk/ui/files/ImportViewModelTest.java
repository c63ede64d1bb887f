package dev.auditdesk.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing audit files into a real H2 cache, with no JavaFX stage: work runs in the caller. */
class ImportViewModelTest {

  private static final String EVENT =
      """
      {"id":"00000000-0000-0000-0000-00000000000%d","time":"2026-11-0%dT10:00:00Z",\
      "action":"delete","resource_type":"workspace","resource_target":"ws-%d","status_code":200,\
      "user":{"id":"u1","username":"alice"}}""";

  @TempDir Path caches;
  @TempDir Path dir;
  private AuditCache cache;
  private final List<Deployment> imported = new ArrayList<>();
  private ImportViewModel vm;

  @BeforeEach
  void openCache() throws Exception {
    cache =
        CacheStore.open(
            caches, ImportViewModel.deploymentFor("audit"), CacheStore.OpenMode.READ_WRITE);
    vm =
        new ImportViewModel(
            d -> new ImportViewModel.Lease(cache, false),
            imported::add,
            Runnable::run,
            Runnable::run);
  }

  @AfterEach
  void close() throws Exception {
    cache.close();
  }

  @Test
  void importsTheGoodLinesSaysWhatItSkippedAndRefreshesTheDeployment() throws Exception {
    Path file = dir.resolve("audit.ndjson");
    Files.writeString(
        file,
        String.join(
            "\n", EVENT.formatted(1, 1, 1), "not json at all", EVENT.formatted(2, 2, 2), ""));

    vm.start(List.of(file), "audit");

    assertFalse(vm.runningProperty().get());
    assertEquals("", vm.problemProperty().get());
    assertTrue(
        vm.statusProperty()
            .get()
            .startsWith(
                "Imported 2 new events (0 duplicates skipped, 1 bad lines skipped) from 1 files."),
        vm.statusProperty().get());
    assertEquals(2, cache.total());
    assertEquals(List.of(ImportViewModel.deploymentFor("audit")), imported);

    vm.start(List.of(file), "audit");
    assertTrue(
        vm.statusProperty().get().startsWith("Imported 0 new events (2 duplicates skipped"),
        vm.statusProperty().get());
    assertEquals(2, cache.total(), "a second import adds nothing");
  }

  @Test
  void connectionLogRowsInTheFileAreCountedApartFromEvents() throws Exception {
    String row =
        """
        {"id":"c000000%d-0000-0000-0000-000000000000","connect_time":"2026-11-0%dT09:00:00Z",\
        "organization":{"id":"o1","name":"coder"},"workspace_owner_id":"u1",\
        "workspace_owner_username":"alice","workspace_id":"w1","workspace_name":"dev",\
        "agent_name":"main","ip":"10.0.0.1","type":"ssh","type_display_name":"SSH",\
        "ssh_info":{"connection_id":"s%d"}}""";
    Path file = dir.resolve("mixed.ndjson");
    Files.writeString(
        file,
        String.join(
            "\n", EVENT.formatted(1, 1, 1), row.formatted(1, 1, 1), row.formatted(2, 2, 2)));

    vm.start(List.of(file), "audit");

    String status = vm.statusProperty().get();
    assertTrue(
        status.startsWith("Imported 1 new events (0 duplicates skipped, 0 bad lines"), status);
    assertTrue(
        status.contains("Imported 2 new connection-log rows (0 updated, 0 already cached)."),
        status);
  }

  @Test
  void aFileThatCannotBeReadStopsTheImportWithItsReason() throws Exception {
    vm.start(List.of(dir.resolve("missing.ndjson")), "audit");

    assertFalse(vm.runningProperty().get());
    assertTrue(
        vm.problemProperty().get().startsWith("The import stopped: "), vm.problemProperty().get());
    assertEquals(0, cache.total());
    assertTrue(imported.isEmpty(), "nothing to refresh");
  }
}
