package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rewrites the H2 file without the space old versions left behind (H2's SHUTDOWN COMPACT). */
final class Compaction {

  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

  /** The compaction statement; tests replace it to fail the way a full disk would. */
  interface Step {
    void run(Connection writer) throws SQLException;
  }

  static final Step SHUTDOWN_COMPACT =
      w -> {
        try (Statement s = w.createStatement()) {
          s.execute("SHUTDOWN COMPACT");
        }
      };

  private Compaction() {}

  /**
   * Compacts while the cache stays open; queries wait meanwhile. Whatever happens, the database is
   * reopened with fresh connections: a failed compaction must not leave closed connections in the
   * pool. Called under the write lock.
   */
  static void now(CacheDatabase db, Step step, Path folder) throws CacheException {
    db.closeReaders(true);
    SQLException failure = null;
    try {
      step.run(db.writer());
    } catch (SQLException e) {
      failure = e;
      LOG.warn("Compacting the cache {} failed; reopening it as it was", db.dbFile, e);
    } finally {
      db.reopen();
    }
    PrivateFiles.tightenTree(folder);
    if (failure != null) {
      throw CacheErrors.translate(failure, db.dbFile, false);
    }
  }

  /** Compacts just before closing: no reopening, and a failure only leaves the file larger. */
  static void atClose(CacheDatabase db, Step step) {
    db.closeReaders(false);
    long started = System.nanoTime();
    try {
      step.run(db.writer());
      LOG.info("Compacted {} in {} ms", db.dbFile, (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      LOG.warn("Compacting {} at close failed; it stays as it was", db.dbFile, e);
    }
  }
}
