package dev.auditdesk.cache;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into a cache file for writes: its lock (shared by the audit events and the connection
 * log), and the reasons a write is refused — closed, read-only, or the heap ran out during an
 * earlier write.
 */
final class CacheWrites {

  private static final Logger LOG = LoggerFactory.getLogger(CacheWrites.class);

  /** A write to H2 that is not an upsert. */
  interface Write {
    void run() throws SQLException;
  }

  final ReentrantLock lock = new ReentrantLock();
  private final CacheDatabase db;

  /**
   * Set when the heap ran out during a write: H2 may hold rows the index does not, so the cache
   * refuses further writes and is closed without saving the index (the next open rebuilds it).
   */
  private volatile OutOfMemoryError memoryRanOut;

  CacheWrites(CacheDatabase db) {
    this.db = db;
  }

  /** Runs a write under the lock; a failure rolls it back and says what went wrong. */
  void run(Write w) throws CacheException {
    lock.lock();
    try {
      requireWritable();
      w.run();
    } catch (SQLException e) {
      db.rollbackQuietly();
      throw db.translate(e);
    } finally {
      lock.unlock();
    }
  }

  void requireWritable() throws CacheException {
    if (db.closed()) {
      throw CacheErrors.closed(db.dbFile);
    }
    if (memoryRanOut != null) {
      throw CacheErrors.outOfMemory(db.dbFile, memoryRanOut);
    }
    if (db.readOnly) {
      throw CacheErrors.readOnly(db.dbFile);
    }
  }

  /** Records that the heap ran out mid-write and returns the message to throw. */
  CacheException ranOutOfMemory(OutOfMemoryError e) {
    memoryRanOut = e;
    return CacheErrors.outOfMemory(db.dbFile, e);
  }

  boolean memoryRanOut() {
    return memoryRanOut != null;
  }

  /** Writes everything committed to the file now (before another reader copies it). */
  void checkpoint() {
    lock.lock();
    try {
      db.checkpoint();
    } catch (SQLException e) {
      LOG.warn("Could not write the cache {} to disk", db.dbFile, e);
    } finally {
      lock.unlock();
    }
  }
}
