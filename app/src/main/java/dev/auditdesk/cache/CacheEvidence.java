package dev.auditdesk.cache;

import dev.auditdesk.model.DayCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The evidence a cache keeps that nothing was altered behind AuditDesk's back ({@code
 * H2AuditCache.evidence()}): the hash chains of its audit log and of its connection log, verified
 * on demand, and whether a chain was built when this open upgraded an older cache.
 */
public final class CacheEvidence {

  private final CacheDatabase db;
  private final HashChain chain;
  private final HashChain connectionChain;
  private Optional<ChainReport.Built> builtNow = Optional.empty();
  private Optional<ChainReport.Built> connectionsBuiltNow = Optional.empty();
  private Optional<ChainReport.Built> marksBuiltNow = Optional.empty();

  CacheEvidence(CacheDatabase db, Supplier<NavigableMap<LocalDate, DayCheck>> days) {
    this.db = db;
    this.chain = new HashChain(HashChain.EVENTS, w -> HashChain.DayTally.of(days.get()));
    this.connectionChain =
        new HashChain(
            HashChain.CONNECTIONS, w -> HashChain.DayTally.of(ConnectionCheckStore.read(w)));
  }

  HashChain chain() {
    return chain;
  }

  HashChain connectionChain() {
    return connectionChain;
  }

  /** Continues the file's chains; notes a chain built by this open's upgrade. */
  void load(Map<String, String> meta) {
    chain.load(meta);
    connectionChain.load(meta);
    builtNow = builtByUpgrade(meta, HashChain.EVENTS.metaBuilt(), 7);
    connectionsBuiltNow = builtByUpgrade(meta, HashChain.CONNECTIONS.metaBuilt(), 8);
    marksBuiltNow = builtByUpgrade(meta, EventMarks.META_BUILT, EventMarks.SINCE);
  }

  private Optional<ChainReport.Built> builtByUpgrade(
      Map<String, String> meta, String metaBuilt, int step) {
    int from = db.upgradedFrom();
    return from > 0 && from < step
        ? ChainReport.Built.parse(meta.get(metaBuilt)).filter(b -> b.events() > 0)
        : Optional.empty();
  }

  /**
   * When opening this cache upgraded it and built its audit log's chain over the events it held:
   * say so once (the chain proves nothing about them before now).
   */
  public Optional<ChainReport.Built> builtOnThisOpen() {
    return builtNow;
  }

  /** The same for the connection log's chain (built by migration 8 over the rows it held). */
  public Optional<ChainReport.Built> connectionsBuiltOnThisOpen() {
    return connectionsBuiltNow;
  }

  /**
   * When this open's upgrade (migration 9) read the events that may grant a role or change a secret
   * once to mark them: derived data, not evidence, but said with the chains' notice so the wait at
   * open is explained. {@code events()} counts the events read.
   */
  public Optional<ChainReport.Built> marksBuiltOnThisOpen() {
    return marksBuiltNow;
  }

  /** Links in the audit log's chain (events stored plus changed versions). */
  public long links() {
    return chain.size();
  }

  /** Links in the connection log's chain (rows stored plus sessions that ended later). */
  public long connectionLinks() {
    return connectionChain.size();
  }

  /**
   * Re-walks both chains against the file as it is now. Reads only, on one snapshot, so a sync may
   * run meanwhile; takes seconds for a million events: call off the FX thread.
   */
  public CacheVerification verify() throws CacheException {
    Connection c = db.borrow();
    try {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
        return new CacheVerification(
            ChainVerifier.verify(c, HashChain.EVENTS, 7),
            ChainVerifier.verify(c, HashChain.CONNECTIONS, 8));
      } finally {
        c.rollback();
        try (Statement s = c.createStatement()) {
          s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw db.translate(e);
    } finally {
      db.giveBack(c);
    }
  }
}
