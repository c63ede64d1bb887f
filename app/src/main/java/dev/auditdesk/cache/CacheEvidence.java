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
 * H2AuditCache.evidence()}): its hash chain, verified on demand, and whether the chain was built
 * when this open upgraded an older cache.
 */
public final class CacheEvidence {

  private final CacheDatabase db;
  private final HashChain chain;
  private Optional<ChainReport.Built> builtNow = Optional.empty();

  CacheEvidence(CacheDatabase db, Supplier<NavigableMap<LocalDate, DayCheck>> days) {
    this.db = db;
    this.chain = new HashChain(() -> HashChain.DayTally.of(days.get()));
  }

  HashChain chain() {
    return chain;
  }

  /** Continues the file's chain; notes a chain built by this open's upgrade. */
  void load(Map<String, String> meta) {
    chain.load(meta);
    if (db.upgradedFrom() > 0 && db.upgradedFrom() < 7 && meta.containsKey(HashChain.META_BUILT)) {
      builtNow =
          ChainReport.Built.parse(meta.get(HashChain.META_BUILT)).filter(b -> b.events() > 0);
    }
  }

  /**
   * When opening this cache upgraded it and built its chain over the events it held: say so once
   * (the chain proves nothing about them before now).
   */
  public Optional<ChainReport.Built> builtOnThisOpen() {
    return builtNow;
  }

  /** Links in the chain (events stored plus changed versions). */
  public long links() {
    return chain.size();
  }

  /**
   * Re-walks the chain against the file as it is now. Reads only, on a snapshot, so a sync may run
   * meanwhile; takes seconds for a million events: call off the FX thread.
   */
  public ChainReport verify() throws CacheException {
    Connection c = db.borrow();
    try {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
        return ChainVerifier.verify(c);
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
