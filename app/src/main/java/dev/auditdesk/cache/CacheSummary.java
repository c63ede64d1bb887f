package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.model.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small {@code cache.properties} beside a cache's H2 file: which deployment it holds and its
 * stats, so {@link CacheStore#list} can show every cache without opening a database (fast, and it
 * works while another AuditDesk holds the file).
 */
final class CacheSummary {

  private static final Logger LOG = LoggerFactory.getLogger(CacheSummary.class);

  static final String FILE = "cache.properties";

  private CacheSummary() {}

  static void write(H2AuditCache cache) {
    if (cache.readOnly()) {
      return;
    }
    write(
        cache.folder(),
        cache.deployment(),
        cache.stats(),
        cache.syncState().serverVersion(),
        cache.encrypted());
  }

  /**
   * Writes the summary; {@code encrypted} marks an encrypted file (never its key) so lists can say
   * so without opening it.
   */
  static void write(
      Path folder, Deployment d, CacheStats stats, String version, boolean encrypted) {
    Properties p = new Properties();
    p.setProperty("encrypted", Boolean.toString(encrypted));
    p.setProperty("url", d.url().toString());
    p.setProperty("deployment.id", d.deploymentId());
    p.setProperty("server.version", version == null ? "" : version);
    p.setProperty("schema", Integer.toString(Migrations.latest()));
    if (stats != null) {
      p.setProperty("events", Long.toString(stats.events()));
      p.setProperty("oldest", stats.oldest().toString());
      p.setProperty("newest", stats.newest().toString());
      p.setProperty("server.oldest", stats.serverOldest().toString());
      p.setProperty("last.sync", stats.lastSync().toString());
    }
    store(folder, p);
  }

  /** Sets the encrypted mark of a folder's summary, keeping the rest. */
  static void markEncrypted(Path folder, boolean encrypted) {
    Properties p = read(folder);
    if (p == null) {
      return;
    }
    p.setProperty("encrypted", Boolean.toString(encrypted));
    store(folder, p);
  }

  /** The summary of a folder, or null when it has none or it cannot be read. */
  static Properties read(Path folder) {
    Path f = folder.resolve(FILE);
    if (!Files.exists(f)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(f)) {
      p.load(in);
      return p;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The cached deployment of a folder as its summary tells; empty when it holds no cache. */
  static Optional<CacheStore.CachedDeployment> describe(Path folder) {
    Path db = folder.resolve(H2AuditCache.DB_NAME + ".mv.db");
    Properties p = read(folder);
    if (p == null || p.getProperty("url", "").isEmpty()) {
      if (!Files.exists(db)) {
        return Optional.empty();
      }
      return Optional.of(
          new CacheStore.CachedDeployment(
              null,
              folder,
              new CacheStats(
                  0, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, size(db), Instant.EPOCH),
              "",
              Optional.of("The summary file of " + folder + " is missing or unreadable."),
              CacheEncryption.isEncrypted(db)));
    }
    Deployment d;
    try {
      d = new Deployment(URI.create(p.getProperty("url")), p.getProperty("deployment.id", ""));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    CacheStats stats =
        new CacheStats(
            Long.parseLong(p.getProperty("events", "0")),
            SyncStateCodec.instant(p.getProperty("oldest")),
            SyncStateCodec.instant(p.getProperty("newest")),
            SyncStateCodec.instant(p.getProperty("server.oldest")),
            size(db),
            SyncStateCodec.instant(p.getProperty("last.sync")));
    return Optional.of(
        new CacheStore.CachedDeployment(
            d,
            folder,
            stats,
            p.getProperty("server.version", ""),
            Optional.empty(),
            Boolean.parseBoolean(p.getProperty("encrypted", "false"))));
  }

  private static long size(Path f) {
    try {
      return Files.exists(f) ? Files.size(f) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  // A summary that cannot be written only costs the deployment list its figures: warn, go on.
  private static void store(Path folder, Properties p) {
    Path target = folder.resolve(FILE);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      p.store(out, "AuditDesk cache summary (the database is cache.mv.db)");
      PrivateFiles.writeAtomically(target, out.toByteArray());
    } catch (IOException e) {
      LOG.warn("Could not write {}", target, e);
    }
  }
}
