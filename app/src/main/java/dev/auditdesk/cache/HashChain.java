package dev.auditdesk.cache;

import dev.auditdesk.model.DayCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident chain over every event the cache stored (table {@code chain_link}, migration
 * 7): link n = SHA-256(link n-1 || the event's stored JSON as UTF-8), in the order stored. A
 * changed event adds a link that keeps the JSON it replaced, so the chain still proves every
 * version the server sent. Checkpoints ({@code chain_checkpoint}) record the position, the rows and
 * the days' reconciliation state. Writer only: appended inside the upsert's transaction under the
 * write lock, made visible with {@link #committed()} once H2 committed, dropped with {@link
 * #rolledBack()}.
 */
final class HashChain {

  private static final Logger LOG = LoggerFactory.getLogger(HashChain.class);

  static final int CHECKPOINT_EVERY = 10_000;
  static final int KIND_EVENT = 0;
  static final String META_HEAD = "chain.head";
  static final String META_BUILT = "chain.built";

  static final String INSERT_LINK =
      "INSERT INTO chain_link(pos, kind, rk, ref_id, replaced_raw, link) VALUES(?, ?, ?, ?, ?, ?)";
  // MERGE: a day recorded twice at the same chain position keeps the latest state.
  static final String MERGE_CHECKPOINT =
      "MERGE INTO chain_checkpoint(pos, links, events, head, made_at, days_verified,"
          + " days_unverified, days_cache_only, note) KEY(pos) VALUES(?, ?, ?, ?, CURRENT_TIMESTAMP,"
          + " ?, ?, ?, ?)";

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

  private record Pending(long pos, long rk, String id, String replaced, byte[] link) {}

  /** Where the chain ends: the next position, the rows it accounts for, the last link. */
  record Head(long next, long rows, byte[] link) {
    static final Head EMPTY = new Head(0, 0, new byte[32]);

    String text() {
      return (next - 1) + ":" + rows + ":" + HexFormat.of().formatHex(link);
    }

    /** Reads {@link #text()}; empty when the meta value is missing or unreadable. */
    static Optional<Head> parse(String s) {
      String[] p = s == null ? new String[0] : s.split(":");
      try {
        return p.length == 3
            ? Optional.of(
                new Head(
                    Long.parseLong(p[0]) + 1, Long.parseLong(p[1]), HexFormat.of().parseHex(p[2])))
            : Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  private final Supplier<DayTally> days;
  private final MessageDigest sha = sha256();
  private final List<Pending> pending = new ArrayList<>();
  private Head committed = Head.EMPTY;
  private long next;
  private long rows;
  private byte[] head = Head.EMPTY.link();
  private long lastCheckpoint = -1;

  HashChain(Supplier<DayTally> days) {
    this.days = days;
  }

  /** Continues the chain whose end the file's meta records (none in a file before migration 7). */
  void load(Map<String, String> meta) {
    committed = Head.parse(meta.get(META_HEAD)).orElse(Head.EMPTY);
    rolledBack();
  }

  /** Links in the committed chain. */
  long size() {
    return committed.next();
  }

  /**
   * Adds the stored {@code json} of row {@code rk}; {@code replaced} is its previous JSON or null.
   */
  void append(long rk, String id, String json, String replaced) {
    head = link(sha, head, json);
    if (replaced == null) {
      rows++;
    }
    pending.add(new Pending(next++, rk, id, replaced, head));
  }

  /** Writes the pending links (and checkpoints when due) in the caller's transaction. */
  void flush(Connection w) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    try (PreparedStatement p = w.prepareStatement(INSERT_LINK)) {
      for (Pending l : pending) {
        p.setLong(1, l.pos());
        p.setInt(2, KIND_EVENT);
        p.setLong(3, l.rk());
        p.setString(4, l.id());
        p.setString(5, l.replaced());
        p.setBytes(6, l.link());
        p.addBatch();
        if ((l.pos() + 1) % CHECKPOINT_EVERY == 0) {
          p.executeBatch();
          checkpoint(w, l.pos(), l.link(), "every " + CHECKPOINT_EVERY + " links");
        }
      }
      p.executeBatch();
    }
    if (lastCheckpoint != next - 1) {
      checkpoint(w, next - 1, head, "end of a write");
    }
    writeHead(w, new Head(next, rows, head));
  }

  /** A checkpoint at the chain's end with the days' state {@code t} (days were reconciled). */
  void checkpointNow(Connection w, DayTally t) throws SQLException {
    if (committed.next() > 0) {
      checkpoint(w, committed.next() - 1, committed.link(), t, "days reconciled");
    }
  }

  private void checkpoint(Connection w, long pos, byte[] link, String note) throws SQLException {
    checkpoint(w, pos, link, days.get(), note);
  }

  private void checkpoint(Connection w, long pos, byte[] link, DayTally t, String note)
      throws SQLException {
    try (PreparedStatement p = w.prepareStatement(MERGE_CHECKPOINT)) {
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

  static void writeHead(Connection w, Head h) throws SQLException {
    try (PreparedStatement p = w.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
      p.setString(1, META_HEAD);
      p.setString(2, h.text());
      p.executeUpdate();
    }
  }

  void committed() {
    pending.clear();
    committed = new Head(next, rows, head);
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
   * were stored), and records when and over how many rows in {@link #META_BUILT}.
   */
  static void buildOverStoredRows(Connection c) throws SQLException {
    DayTally tally = DayTally.of(DayCheckStore.read(c));
    HashChain chain = new HashChain(() -> tally);
    try (PreparedStatement p =
        c.prepareStatement("SELECT rk, id, raw FROM event WHERE rk > ? ORDER BY rk LIMIT ?")) {
      long after = -1;
      while (true) {
        p.setLong(1, after);
        p.setInt(2, CHECKPOINT_EVERY);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            after = r.getLong(1);
            chain.append(after, r.getString(2), r.getString(3), null);
          }
        }
        if (chain.pending.isEmpty()) {
          break;
        }
        chain.flush(c);
        chain.committed();
      }
    }
    if (chain.size() > 0) {
      try (PreparedStatement p = c.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
        p.setString(1, META_BUILT);
        p.setString(2, Instant.now() + ":" + chain.size());
        p.executeUpdate();
      }
      LOG.info(
          "Built the hash chain of {} events already in this cache (once, on upgrading it)",
          chain.size());
    }
  }

  /** SHA-256(previous || json as UTF-8). */
  static byte[] link(MessageDigest sha, byte[] previous, String json) {
    sha.update(previous);
    sha.update(json.getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no SHA-256", e);
    }
  }
}
