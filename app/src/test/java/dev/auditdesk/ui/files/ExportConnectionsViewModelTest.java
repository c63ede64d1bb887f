package dev.auditdesk.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionFacet;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncListener;
import dev.auditdesk.sync.SyncSettings;
import dev.auditdesk.ui.connections.ConnectionsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File ▸ Export… while the Connections view is shown, over a real H2 cache synced from the demo
 * server over loopback, with no JavaFX stage: work runs in the caller.
 */
class ExportConnectionsViewModelTest {

  @TempDir Path caches;
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private H2AuditCache cache;
  private ConnectionsViewModel connections;
  private ExportViewModel export;

  @BeforeEach
  void syncDemo() throws Exception {
    DemoServer server = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(200));
    open.add(server);
    Deployment d = new Deployment(server.url(), "");
    CoderClient client = CoderClient.create(d);
    open.add(client);
    client.login(server.email(), DemoServer.PASSWORD.toCharArray());
    cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE);
    open.add(cache);
    new SyncEngine(client, cache, SyncSettings.defaults()).run(SyncListener.NONE, () -> false);
    connections = new ConnectionsViewModel(cache.connections(), Runnable::run, Runnable::run);
    connections.start();
    export =
        new ExportViewModel(
            () -> cache,
            new SimpleObjectProperty<>(AuditQuery.ALL),
            new SimpleObjectProperty<>(SortOrder.NEWEST_FIRST),
            Runnable::run,
            Runnable::run);
    export.exportConnectionsWhile(
        connections.shownProperty(), connections.cache(), connections.queryProperty());
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void withTheConnectionsViewShownItWritesTheFilteredConnectionsOriginalJson() throws Exception {
    connections.shownProperty().set(true);
    connections.select(ConnectionFacet.FAMILY, Set.of("SSH"));
    List<String> expected = new ArrayList<>();
    cache
        .connections()
        .forEach(
            ConnectionQuery.ALL,
            r -> {
              if (r.family() == ConnectionType.SSH) {
                expected.add(r.rawJson());
              }
            });
    export.formatProperty().set(ExportFormat.NDJSON);
    export.proposeFile(dir);
    assertEquals(
        dir.resolve("connection-log.ndjson").toString(),
        export.fileProperty().get(),
        "the proposed name says which log it holds");
    Path out = dir.resolve("ssh.ndjson");
    export.fileProperty().set(out.toString());

    assertTrue(export.headerText().contains("connection"), export.headerText());
    assertTrue(export.start());

    assertFalse(export.job().failedProperty().get(), export.job().statusProperty().get());
    assertTrue(expected.size() > 0 && expected.size() < cache.connections().total());
    assertEquals(
        "Exported "
            + expected.size()
            + " connections to ssh.ndjson. The manifest ssh.ndjson.manifest.json beside it proves"
            + " the file complete and unaltered.",
        export.job().statusProperty().get());
    dev.auditdesk.export.ExportManifest m =
        dev.auditdesk.export.ExportManifest.read(dev.auditdesk.export.ExportManifest.pathFor(out));
    assertTrue(m.ofConnections(), "a manifest of the connection log, as audit exports have");
    assertEquals(expected.size(), m.rows());
    assertEquals(Files.size(out), m.bytes());
    assertEquals(expected, Files.readAllLines(out), "the SSH rows as the server sent them");
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(out));
  }

  @Test
  void withTheAuditLogShownItStillWritesAuditEvents() throws Exception {
    connections.select(ConnectionFacet.FAMILY, Set.of("SSH"));
    Path out = dir.resolve("audit.ndjson");
    export.formatProperty().set(ExportFormat.NDJSON);
    export.fileProperty().set(out.toString());

    assertTrue(export.start());

    assertFalse(export.job().failedProperty().get(), export.job().statusProperty().get());
    List<String> lines = Files.readAllLines(out);
    assertEquals(cache.count(AuditQuery.ALL), lines.size());
    assertTrue(lines.stream().allMatch(l -> l.contains("\"resource_type\"")), lines.get(0));
    assertFalse(lines.get(0).contains("\"connect_time\""), "an audit event, not a connection");
  }

  @Test
  void anHtmlReportOfConnectionsIsRefusedWithAReasonAndWritesNothing() throws Exception {
    connections.shownProperty().set(true);
    export.formatProperty().set(ExportFormat.HTML);
    export.fileProperty().set(dir.resolve("connections.html").toString());

    assertFalse(export.start());

    assertTrue(export.job().failedProperty().get());
    assertTrue(export.job().statusProperty().get().contains("HTML report covers the audit log"));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
