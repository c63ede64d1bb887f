package dev.auditdesk.cache;

import dev.auditdesk.model.ChainLink;
import dev.auditdesk.model.DayCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tamper-evident chain over the rows of one log the cache stores: link n = SHA-256(link n-1 ||
 * the row's stored JSON as UTF-8), in the order stored. Two chains exist ({@link Spec}): the audit
 * log's ({@code chain_link}, migration 7) and the connection log's ({@code connection_link},
 * migration 8). A changed row adds a link that keeps the JSON it replaced, so the chain still
 * proves every version the server sent. Checkpoints record the position, the rows and the days'
 * reconciliation state. Writer only: appended inside the upsert's transaction under the write lock,
 * made visible with {@link #committed()} once H2 committed, dropped with {@link #rolledBack()}.
 */
final class HashChain {

  private static final Logger LOG = LoggerFactory.getLogger(HashChain.class);

  static final int CHECKPOINT_EVERY = ChainLink.CHECKPOINT_EVERY;

  /**
   * The tables and meta keys of one chain. {@code ref}: the column naming the row a link hashes,
   * the same in the link table and the row table ({@code rk} of an event, {@code id} of a
   * connection).
   */
  record Spec(
      ChainReport.Log log,
      String rowTable,
      String ref,
      String linkTable,
      String checkpointTable,
      String rowsColumn,
      String metaHead,
      String metaBuilt,
      String insertLink) {

    Spec {
      if (insertLink == null) {
        insertLink =
            "INSERT INTO "
                + linkTable
                + "(pos, "
                + ref
                + ", replaced_raw, link) VALUES(?, ?, ?, ?)";
      }
    }

    // MERGE: a day recorded twice at the same chain position keeps the latest state.
    String mergeCheckpoint() {
      return "MERGE INTO "
          + checkpointTable
          + "(pos, links, "
          + rowsColumn
          + ", head, made_at, days_verified, days_unverified, days_cache_only, note) KEY(pos)"
          + " VALUES(?, ?, ?, ?, CURRENT_TIMESTAMP, ?, ?, ?, ?)";
    }
  }

  static final Spec EVENTS =
      new Spec(
          ChainReport.Log.AUDIT,
          "event",
          "rk",
          "chain_link",
          "chain_checkpoint",
          "events",
          "chain.head",
          "chain.built",
          null);

  /** Migration 7's table still has the event id and a kind; migration 8 drops both right after. */
  static final Spec EVENTS_AT_7 =
      new Spec(
          EVENTS.log(),
          EVENTS.rowTable(),
          EVENTS.ref(),
          EVENTS.linkTable(),
          EVENTS.checkpointTable(),
          EVENTS.rowsColumn(),
          EVENTS.metaHead(),
          EVENTS.metaBuilt(),
          "INSERT INTO chain_link(pos, kind, rk, ref_id, replaced_raw, link) VALUES(?, 0, ?, '',"
              + " ?, ?)");

  static final Spec CONNECTIONS =
      new Spec(
          ChainReport.Log.CONNECTIONS,
          "connection",
          "id",
          "connection_link",
          "connection_checkpoint",
          "connections",
          "chain.connections.head",
          "chain.connections.built",
          null);

  /** The days' reconciliation state a checkpoint records, read in the writer's transaction. */
  interface Days {
    DayTally tally(Connection w) throws SQLException;
  }

  /** The days' reconciliation state a checkpoint records. */
  record DayTally(int verified, int unverified, int cacheOnly) {
    static final DayTally NONE = new DayTally(0, 0, 0);

    static DayTally of(Map<?, DayCheck> checks) {
      int v = 0;
      int u = 0;
      int o = 0;
      for (DayCheck c : checks.values()) {
        switch (c.state()) {
          case VERIFIED -> v++;
          case UNVERIFIED -> u++;
          case ONLY_IN_CACHE -> o++;
        }
      }
      return new DayTally(v, u, o);
    }
  }

  private record Pending(long pos, Object ref, String replaced, byte[] link) {}

  private final Spec spec;
  private final Days days;
  private final MessageDigest sha = sha256();
  private final List<Pending> pending = new ArrayList<>();
  private ChainLink.Head committed = ChainLink.Head.EMPTY;
  private long next;
  private long rows;
  private byte[] head = ChainLink.Head.EMPTY.link();
  private long lastCheckpoint = -1;

  HashChain(Spec spec, Days days) {
    this.spec = spec;
    this.days = days;
  }

  /** Continues the chain whose end the file's meta records (none in a file before its step). */
  void load(Map<String, String> meta) {
    committed = ChainLink.Head.parse(meta.get(spec.metaHead())).orElse(ChainLink.Head.EMPTY);
    rolledBack();
  }

  /** Links in the committed chain. */
  long size() {
    return committed.next();
  }

  /**
   * Adds the stored JSON ({@code utf8}) of row {@code ref}; {@code replaced} is its previous JSON
   * or null.
   */
  void append(Object ref, byte[] utf8, String replaced) {
    head = link(sha, head, utf8);
    if (replaced == null) {
      rows++;
    }
    pending.add(new Pending(next++, ref, replaced, head));
  }

  /** Writes the pending links (and checkpoints when due) in the caller's transaction. */
  void flush(Connection w) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    try (PreparedStatement p = w.prepareStatement(spec.insertLink())) {
      for (Pending l : pending) {
        p.setLong(1, l.pos());
        p.setObject(2, l.ref());
        p.setString(3, l.replaced());
        p.setBytes(4, l.link());
        p.addBatch();
        if ((l.pos() + 1) % CHECKPOINT_EVERY == 0) {
          p.executeBatch();
          checkpoint(w, l.pos(), l.link(), "every " + CHECKPOINT_EVERY + " links");
        }
      }
      p.executeBatch();
    }
    writeHead(w, new ChainLink.Head(next, rows, head));
  }

  /** A checkpoint at the chain's end with the days' state {@code t} (days were reconciled). */
  void checkpointNow(Connection w, DayTally t) throws SQLException {
    if (committed.next() > 0) {
      checkpoint(w, committed.next() - 1, committed.link(), t, "days reconciled");
    }
  }

  private void checkpoint(Connection w, long pos, byte[] link, String note) throws SQLException {
    checkpoint(w, pos, link, days.tally(w), note);
  }

  private void checkpoint(Connection w, long pos, byte[] link, DayTally t, String note)
      throws SQLException {
    try (PreparedStatement p = w.prepareStatement(spec.mergeCheckpoint())) {
      p.setLong(1, pos);
      p.setLong(2, pos + 1);
      p.setLong(3, rowsAt(pos));
      p.setBytes(4, link);
      p.setInt(5, t.verified());
      p.setInt(6, t.unverified());
      p.setInt(7, t.cacheOnly());
      p.setString(8, note);
      p.executeUpdate();
    }
    lastCheckpoint = pos;
  }

  /** Rows the chain accounted for at link {@code pos} (of the pending ones, or the end). */
  private long rowsAt(long pos) {
    long r = rows;
    for (int i = pending.size() - 1; i >= 0 && pending.get(i).pos() > pos; i--) {
      if (pending.get(i).replaced() == null) {
        r--;
      }
    }
    return r;
  }

  private void writeHead(Connection w, ChainLink.Head h) throws SQLException {
    try (PreparedStatement p = w.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
      p.setString(1, spec.metaHead());
      p.setString(2, h.text());
      p.executeUpdate();
    }
  }

  void committed() {
    pending.clear();
    committed = new ChainLink.Head(next, rows, head);
  }

  void rolledBack() {
    pending.clear();
    lastCheckpoint = -1;
    next = committed.next();
    rows = committed.rows();
    head = committed.link();
  }

  /**
   * Migration 7 on a file that already holds events: chains them once, in row order (the order they
   * were stored), and records when and over how many rows in the spec's built key.
   */
  static void buildOverStoredEvents(Connection c) throws SQLException {
    DayTally tally = DayTally.of(DayCheckStore.read(c));
    buildOverStoredRows(
        c,
        // Step 7 may run again over a table step 8 already slimmed (tables are kept).
        new HashChain(
            Migrations.hasColumn(c, "CHAIN_LINK", "REF_ID") ? EVENTS_AT_7 : EVENTS, w -> tally),
        "SELECT rk, raw FROM event WHERE rk > ? ORDER BY rk LIMIT ?",
        -1L);
  }

  /**
   * Migration 8 on a file that already holds connection rows: chains them once, in id order (a
   * row's place in the sync is not recorded), and records it as for events.
   */
  static void buildOverStoredConnections(Connection c) throws SQLException {
    DayTally tally = DayTally.of(ConnectionCheckStore.read(c));
    buildOverStoredRows(
        c,
        new HashChain(CONNECTIONS, w -> tally),
        "SELECT id, raw FROM connection WHERE id > ? ORDER BY id LIMIT ?",
        "");
  }

  private static void buildOverStoredRows(
      Connection c, HashChain chain, String pageSql, Object before) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(pageSql)) {
      Object after = before;
      while (true) {
        p.setObject(1, after);
        p.setInt(2, CHECKPOINT_EVERY);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            after = r.getObject(1);
            chain.append(after, r.getString(2).getBytes(StandardCharsets.UTF_8), null);
          }
        }
        if (chain.pending.isEmpty()) {
          break;
        }
        chain.flush(c);
        if (chain.lastCheckpoint != chain.next - 1) {
          chain.checkpoint(c, chain.next - 1, chain.head, "built on upgrading the cache");
        }
        chain.committed();
      }
    }
    if (chain.size() > 0) {
      try (PreparedStatement p = c.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
        p.setString(1, chain.spec.metaBuilt());
        p.setString(2, Instant.now() + ":" + chain.size());
        p.executeUpdate();
      }
      LOG.info(
          "Built the hash chain of {} {} already in this cache (once, on upgrading it)",
          chain.size(),
          chain.spec.log().rows());
    }
  }

  /** The shared link definition ({@link ChainLink}): SHA-256(previous || json as UTF-8). */
  static byte[] link(MessageDigest sha, byte[] previous, byte[] utf8) {
    return ChainLink.next(sha, previous, utf8);
  }

  static MessageDigest sha256() {
    return ChainLink.sha256();
  }
}
