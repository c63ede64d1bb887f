package dev.auditdesk.ui.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.StoredJson;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoQuirks;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The view model of Help ▸ Verify this cache over a real H2 cache filled from the demo server. */
class VerifyCacheViewModelTest {

  @TempDir Path root;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private static final Executor NOW = Runnable::run;

  private Deployment fill() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(150).withQuirks(DemoQuirks.NONE));
    CoderClient client = demos.signedIn(s);
    Deployment d = new Deployment(s.url(), "");
    try (H2AuditCache c = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      for (long offset = 0; offset < 150; offset += 50) {
        AuditPage page = client.auditPage("", 50, offset);
        c.upsert(page.events());
      }
      assertEquals(150, c.total());
    }
    return d;
  }

  @Test
  void aWholeCacheSaysSoAndAnEditedOneNamesThePosition() throws Exception {
    Deployment d = fill();
    try (H2AuditCache c = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      VerifyCacheViewModel vm = VerifyCacheViewModel.of(c, root, NOW, NOW);
      assertTrue(vm.upgradeNotice().isEmpty(), "a new cache was not upgraded");
      vm.verify();
      assertFalse(vm.runningProperty().get());
      assertTrue(vm.outcomeProperty().get().whole());
      assertTrue(
          vm.outcomeProperty().get().lines().get(0).contains("150 links account for all 150"),
          vm.outcomeProperty().get().lines().toString());
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:" + CacheStore.folderFor(root, d).resolve("cache").toAbsolutePath(),
                "sa",
                "");
        Statement s = c.createStatement()) {
      StoredJson.edit(c, "rk = 12", j -> j.replace("\"status_code\":", "\"status_code\": "));
    }
    try (H2AuditCache c = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      VerifyCacheViewModel vm = VerifyCacheViewModel.of(c, root, NOW, NOW);
      vm.verify();
      VerifyCacheViewModel.Outcome o = vm.outcomeProperty().get();
      assertFalse(o.whole());
      assertTrue(o.headline().contains("The audit log is broken at position 12"), o.headline());
      assertTrue(
          o.lines().stream().anyMatch(l -> l.contains("(position 12) was changed")),
          o.lines().toString());
    }
  }
}
