package dev.auditdesk.archive;

import dev.auditdesk.model.ChainLink;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the archive's hash chain ({@code archive_chain}, {@code archive_chain_checkpoint},
 * migration 2): links appended in the writer's transaction in the order the events were stored, the
 * same links as the H2 cache's ({@link ChainLink}). A changed event adds a link that keeps the JSON
 * it replaced, so the chain proves every version the server sent. Writers first take {@link #lock},
 * so two syncs at once never continue from the same end (the chain would fork).
 */
final class ArchiveChain {

  /** The archive_meta key of the chain's end: {@code LASTPOS:EVENTS:HEX}, as the H2 cache's. */
  static final String META_HEAD = "chain_head";

  /** The archive_meta key set when migration 2 built the chain over stored events. */
  static final String META_BUILT = "chain_built";

  /** The advisory lock every chain writer holds until its transaction ends ("AuditDsk"). */
  private static final long LOCK = 0x4175646974447336L;

  /** One event as this statement stored it; {@code replaced} is its previous JSON, or null. */
  record Stored(String id, String raw, String replaced) {}

  private ArchiveChain() {}

  /**
   * Waits for any other chain writer of this database, until this transaction ends: take it before
   * reading what the transaction will change, so the events and the chain's end read are current.
   */
  static void lock(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      p.setLong(1, LOCK);
      p.executeQuery().close();
    }
  }

  static ChainLink.Head head(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM archive_meta WHERE key = ?")) {
      p.setString(1, META_HEAD);
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? ChainLink.Head.parse(r.getString(1)).orElse(ChainLink.Head.EMPTY)
            : ChainLink.Head.EMPTY;
      }
    }
  }

  /**
   * Appends a link per stored event, in order, in one statement (plus a checkpoint every {@link
   * ChainLink#CHECKPOINT_EVERY} links), and records the new end. Call under {@link #lock}.
   */
  static ChainLink.Head append(Connection c, List<Stored> stored, String note) throws SQLException {
    ChainLink.Head h = head(c);
    if (stored.isEmpty()) {
      return h;
    }
    MessageDigest sha = ChainLink.sha256();
    int n = stored.size();
    Long[] seq = new Long[n];
    String[] ids = new String[n];
    String[] replaced = new String[n];
    String[] hashes = new String[n];
    byte[] link = h.link();
    long next = h.next();
    long events = h.rows();
    List<ChainLink.Head> due = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Stored s = stored.get(i);
      link = ChainLink.next(sha, link, s.raw());
      seq[i] = next;
      ids[i] = s.id();
      replaced[i] = s.replaced();
      hashes[i] = HexFormat.of().formatHex(link);
      next++;
      if (s.replaced() == null) {
        events++;
      }
      if (next % ChainLink.CHECKPOINT_EVERY == 0) {
        due.add(new ChainLink.Head(next, events, link));
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO archive_chain (seq, id, replaced_raw, hash) SELECT s, i, r, decode(h,"
                + " 'hex') FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS t(s, i, r,"
                + " h)")) {
      p.setArray(1, c.createArrayOf("bigint", seq));
      p.setArray(2, c.createArrayOf("text", ids));
      p.setArray(3, c.createArrayOf("text", replaced));
      p.setArray(4, c.createArrayOf("text", hashes));
      p.executeUpdate();
    }
    ChainLink.Head end = new ChainLink.Head(next, events, link);
    for (ChainLink.Head d : due) {
      checkpoint(c, d, note.isEmpty() ? "every " + ChainLink.CHECKPOINT_EVERY + " links" : note);
    }
    ArchiveRecord.putMeta(c, Map.of(META_HEAD, end.text()));
    return end;
  }

  /** A checkpoint at the chain's end with the days' reconciliation state now (none when empty). */
  static void checkpointAtEnd(Connection c, String note) throws SQLException {
    ChainLink.Head h = head(c);
    if (h.next() > 0) {
      checkpoint(c, h, note);
    }
  }

  /** A checkpoint at {@code h}'s last link; the same position again keeps the latest state. */
  private static void checkpoint(Connection c, ChainLink.Head h, String note) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO archive_chain_checkpoint (seq, links, events, hash, made_at,"
                + " days_verified, days_unverified, days_only_in_archive, note)"
                + " SELECT ?, ?, ?, ?, now(),"
                + " count(*) FILTER (WHERE state = 'VERIFIED'),"
                + " count(*) FILTER (WHERE state = 'UNVERIFIED'),"
                + " count(*) FILTER (WHERE state = 'ONLY_IN_CACHE'), ? FROM day_check"
                + " ON CONFLICT (seq) DO UPDATE SET made_at = EXCLUDED.made_at,"
                + " days_verified = EXCLUDED.days_verified,"
                + " days_unverified = EXCLUDED.days_unverified,"
                + " days_only_in_archive = EXCLUDED.days_only_in_archive, note = EXCLUDED.note")) {
      p.setLong(1, h.next() - 1);
      p.setLong(2, h.next());
      p.setLong(3, h.rows());
      p.setBytes(4, h.link());
      p.setString(5, note);
      p.executeUpdate();
    }
  }

  /**
   * Migration 2 on an archive that already holds events: chains them once, in the order they were
   * stored (stored_at, then id), a page of {@link ChainLink#CHECKPOINT_EVERY} at a time through a
   * server-side cursor, and records when and over how many in {@link #META_BUILT}. Returns how
   * many.
   */
  static long buildOverStoredEvents(Connection c) throws SQLException {
    lock(c);
    long built = 0;
    try (PreparedStatement p =
        c.prepareStatement("SELECT id, raw FROM audit_event ORDER BY stored_at, id")) {
      p.setFetchSize(ChainLink.CHECKPOINT_EVERY);
      try (ResultSet r = p.executeQuery()) {
        List<Stored> page = new ArrayList<>(ChainLink.CHECKPOINT_EVERY);
        while (true) {
          boolean more = r.next();
          if (more) {
            page.add(new Stored(r.getString(1), r.getString(2), null));
          }
          if (page.size() == ChainLink.CHECKPOINT_EVERY || (!more && !page.isEmpty())) {
            append(c, page, "built on upgrading the archive");
            built += page.size();
            page.clear();
          }
          if (!more) {
            break;
          }
        }
      }
    }
    if (built > 0) {
      checkpointAtEnd(c, "built on upgrading the archive");
      ArchiveRecord.putMeta(c, Map.of(META_BUILT, Instant.now() + ":" + built));
    }
    return built;
  }
}
