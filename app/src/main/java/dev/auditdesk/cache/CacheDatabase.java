package dev.auditdesk.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 file of one cache: opening it (migrating an older format with a backup of the file), one
 * writer connection used under the cache's write lock, a small pool of reader connections, and the
 * {@code meta} table.
 */
final class CacheDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(CacheDatabase.class);

  static final int READERS = 3;

  static {
    // H2 hashes every string it reads to share equal ones through a cache of 1,024: each event's
    // whole JSON, never equal to another; 15 % of an export's reading (issue 19). Before H2 loads.
    if (System.getProperty("h2.objectCache") == null) {
      System.setProperty("h2.objectCache", "false");
    }
  }

  final Path dbFile;
  final boolean readOnly;
  private final String url;
  private final CacheKey key;
  private Connection writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private volatile boolean closed;
  private int upgradedFrom;

  /** The schema version the open file has (a read-only open does not migrate). */
  private int schema;

  /**
   * Opens the file, migrating it when writable (see {@link #open}); close it on failure. With a key
   * the file is AES-encrypted (a new one is created so).
   */
  CacheDatabase(Path dbBase, boolean readOnly, CacheKey key) {
    this.dbFile = Path.of(dbBase + ".mv.db");
    this.readOnly = readOnly;
    this.key = key;
    this.url =
        // "async:" reads and writes through an AsynchronousFileChannel, which an interrupted thread
        // does not close: with plain file access one interrupted query closed the file for
        // everyone, and "retry:" (reopening it) raced H2's own file lock, so the store panicked
        // and later commits were lost (H2AuditCacheTest's interrupt test, 1 run in 50 under load).
        "jdbc:h2:async:"
            + dbBase.toAbsolutePath()
            // RETENTION_TIME=0 lets MVStore reuse space at once (a 1M-event load bloats 2x
            // without it); a killed process still loses nothing committed.
            + ";RETENTION_TIME=0;COMPRESS=TRUE"
            // Rows are fetched by key for pages; a repeated fetch must read, not replay a result.
            + ";OPTIMIZE_REUSE_RESULTS=FALSE"
            // A sync's write cycles through ~15 statements; H2's default of 8 parsed each again.
            + ";QUERY_CACHE_SIZE=32"
            + (key != null ? ";CIPHER=AES" : "")
            + (readOnly ? ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE" : "");
  }

  boolean encrypted() {
    return key != null;
  }

  /** Connects, brings the schema up to date (writable) or checks it (read-only), fills the pool. */
  void open() throws SQLException, IOException, CacheException {
    if (!readOnly && UpgradeBackup.restoreIfInterrupted(dbFile)) {
      LOG.warn("An upgrade of {} was interrupted; starting it again", dbFile);
    }
    writer = connect();
    int version = Migrations.current(writer);
    if (version > Migrations.latest()) {
      throw CacheErrors.newer(dbFile, version);
    }
    if (readOnly && version == 0) {
      throw CacheErrors.notACache(dbFile);
    }
    if (!readOnly) {
      boolean upgrade = version > 0 && version < Migrations.latest();
      if (upgrade) {
        upgradedFrom = version;
        writer.close(); // the last connection: H2 closes the file, so the copy is whole
        UpgradeBackup.take(dbFile);
        writer = connect();
      }
      Migrations.apply(writer, Migrations.latest());
      if (upgrade) {
        checkpoint();
        UpgradeBackup.drop(dbFile);
      }
      version = Migrations.latest();
    }
    schema = version;
    writer.setAutoCommit(false);
    for (int i = 0; i < READERS; i++) {
      readers.add(connect());
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", key == null ? "" : key.jdbcPassword());
  }

  /** The writer connection; only under the cache's write lock. */
  Connection writer() {
    return writer;
  }

  /** The format version this open upgraded the file from; 0 when it did not upgrade it. */
  int upgradedFrom() {
    return upgradedFrom;
  }

  int schemaVersion() throws SQLException {
    return Migrations.current(writer);
  }

  boolean closed() {
    return closed;
  }

  int schema() {
    return schema;
  }

  /** A reader connection; give it back with {@link #giveBack}. */
  Connection borrow() {
    if (closed) {
      throw new IllegalStateException("The cache " + dbFile + " was closed.");
    }
    try {
      return readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the cache " + dbFile, e);
    }
  }

  void giveBack(Connection c) {
    readers.add(c);
  }

  /** The plain message for a failure on this file. */
  CacheException translate(SQLException e) {
    // H2 reports a wrong file password as a wrong user password (28000) or an encryption error.
    if (key != null && (e.getErrorCode() == 28000 || e.getErrorCode() == 90049)) {
      return CacheErrors.wrongKey(dbFile, e);
    }
    return CacheErrors.translate(e, dbFile, readOnly);
  }

  Map<String, String> readMeta() throws SQLException {
    Map<String, String> m = new HashMap<>();
    try (Statement s = writer.createStatement();
        ResultSet r = s.executeQuery("SELECT k, v FROM meta")) {
      while (r.next()) {
        m.put(r.getString(1), r.getString(2));
      }
    }
    return m;
  }

  void writeMeta(Map<String, String> values) throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement p = writer.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  void deleteMeta(String key) throws SQLException {
    try (PreparedStatement d = writer.prepareStatement("DELETE FROM meta WHERE k = ?")) {
      d.setString(1, key);
      d.executeUpdate();
    }
  }

  void commit() throws SQLException {
    writer.commit();
  }

  void rollbackQuietly() {
    try {
      writer.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the next statement reports it.
    }
  }

  /**
   * Puts what is committed in the file at once, so a killed sync keeps every page it committed (H2
   * otherwise writes in the background and a kill loses the last half second). It costs about 12%
   * of a large sync, which stays well inside its target. Not {@code WRITE_DELAY=0}: that also stops
   * H2's background compaction and a 1M-event sync grew the file past 3 GB.
   */
  void checkpoint() throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  /** Closes the reader connections (waiting for those in use) so only the writer holds the file. */
  void closeReaders(boolean wait) {
    List<Connection> all = new ArrayList<>();
    if (wait) {
      for (int i = 0; i < READERS; i++) {
        all.add(borrow());
      }
    } else {
      readers.drainTo(all);
    }
    all.forEach(CacheDatabase::closeQuietly);
  }

  /**
   * New writer and reader connections after the database was shut down. If the file cannot be
   * opened again the database closes, so every later call says so instead of failing on a dead
   * pool.
   */
  void reopen() throws CacheException {
    closeQuietly(writer);
    List<Connection> fresh = new ArrayList<>();
    try {
      Connection w = connect();
      w.setAutoCommit(false);
      fresh.add(w);
      for (int i = 0; i < READERS; i++) {
        fresh.add(connect());
      }
      writer = w;
      readers.clear();
      readers.addAll(fresh.subList(1, fresh.size()));
    } catch (SQLException e) {
      fresh.forEach(CacheDatabase::closeQuietly);
      closed = true;
      writer = null;
      readers.clear();
      throw CacheErrors.translate(e, dbFile, false);
    }
  }

  /** Closes every connection; later calls fail with "closed". */
  void close() {
    closed = true;
    List<Connection> all = new ArrayList<>();
    readers.drainTo(all);
    if (writer != null) {
      all.add(writer);
    }
    all.forEach(CacheDatabase::closeQuietly);
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a cache connection", e);
    }
  }
}
