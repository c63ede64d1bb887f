package dev.auditdesk.cache;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-walks the hash chain against the rows the file holds now, on one reader connection in a
 * snapshot (a sync may write meanwhile): every link recomputed from its event's JSON (or the JSON a
 * later version replaced), every row accounted for by a link, the recorded end and the checkpoints
 * matched.
 */
final class ChainVerifier {

  static final int MAX_LISTED = 20;
  private static final int PAGE = 10_000;

  private final List<String> problems = new ArrayList<>();
  private long firstBad = -1;
  private int found;

  private ChainVerifier() {}

  static ChainReport verify(Connection c) throws SQLException {
    if (Migrations.current(c) < 7) {
      return new ChainReport(false, 0, 0, -1, List.of(), 0, Optional.empty(), Optional.empty());
    }
    return new ChainVerifier().walk(c);
  }

  private void problem(long position, String sentence) {
    found++;
    if (firstBad < 0 || position < firstBad) {
      firstBad = position;
    }
    if (problems.size() < MAX_LISTED) {
      problems.add(sentence);
    }
  }

  private ChainReport walk(Connection c) throws SQLException {
    Map<String, String> meta = meta(c);
    Map<Long, NavigableMap<Long, String>> replaced = replaced(c);
    NavigableMap<Long, ChainReport.Checkpoint> checkpoints = new TreeMap<>();
    Map<Long, byte[]> checkpointHeads = new HashMap<>();
    readCheckpoints(c, checkpoints, checkpointHeads);
    MessageDigest sha = HashChain.sha256();
    byte[] previous = new byte[32];
    BitSet rows = new BitSet();
    long expected = 0;
    Optional<ChainReport.Checkpoint> confirmed = Optional.empty();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT l.pos, l.rk, l.ref_id, l.link, e.id, e.raw FROM chain_link l"
                + " LEFT JOIN event e ON e.rk = l.rk WHERE l.pos >= ? ORDER BY l.pos LIMIT ?")) {
      while (true) {
        p.setLong(1, expected);
        p.setInt(2, PAGE);
        int n = 0;
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            n++;
            long pos = r.getLong(1);
            long rk = r.getLong(2);
            String ref = r.getString(3);
            byte[] link = r.getBytes(4);
            if (pos != expected) {
              problem(
                  expected,
                  "Links "
                      + expected
                      + " to "
                      + (pos - 1)
                      + " of the chain are missing: they were deleted from the file.");
            }
            Map.Entry<Long, String> later =
                replaced.getOrDefault(rk, new TreeMap<>()).higherEntry(pos);
            String json = later != null ? later.getValue() : r.getString(6);
            rows.set((int) rk);
            if (json == null) {
              problem(pos, "Event " + ref + " (position " + pos + ") was removed from the cache.");
            } else if (!Arrays.equals(HashChain.link(sha, previous, json), link)) {
              String now = r.getString(5);
              problem(
                  pos,
                  later == null && now != null && !now.equals(ref)
                      ? "Position "
                          + pos
                          + " held event "
                          + ref
                          + "; its row now holds event "
                          + now
                          + "."
                      : "Event "
                          + ref
                          + " (position "
                          + pos
                          + ") was changed after AuditDesk"
                          + " stored it.");
            }
            byte[] cp = checkpointHeads.get(pos);
            if (cp != null) {
              if (Arrays.equals(cp, link)) {
                confirmed = Optional.of(checkpoints.get(pos));
              } else {
                problem(pos, "The checkpoint at position " + pos + " does not match the chain.");
              }
            }
            previous = link;
            expected = pos + 1;
          }
        }
        if (n < PAGE) {
          break;
        }
      }
    }
    checkEnd(meta, checkpoints, expected, previous);
    long inserted = checkRows(c, rows);
    return new ChainReport(
        true,
        expected,
        rows.cardinality() + inserted,
        firstBad,
        List.copyOf(problems),
        found - problems.size(),
        confirmed,
        ChainReport.Built.parse(meta.get(HashChain.META_BUILT)));
  }

  /** The chain must end where the last write recorded it, and reach every checkpoint. */
  private void checkEnd(
      Map<String, String> meta,
      NavigableMap<Long, ChainReport.Checkpoint> checkpoints,
      long links,
      byte[] last) {
    Optional<HashChain.Head> head = HashChain.Head.parse(meta.get(HashChain.META_HEAD));
    long recorded = head.map(HashChain.Head::next).orElse(0L);
    if (!checkpoints.isEmpty()) {
      recorded = Math.max(recorded, checkpoints.lastKey() + 1);
    }
    if (recorded > links) {
      problem(
          links,
          "The chain ends at "
              + links
              + " links, but AuditDesk recorded "
              + recorded
              + ": the last "
              + (recorded - links)
              + " were removed.");
    } else if (head.isPresent()
        && head.get().next() == links
        && !Arrays.equals(head.get().link(), last)) {
      problem(links - 1, "The chain's last link is not the one AuditDesk recorded.");
    } else if (head.isEmpty() && links > 0) {
      problem(links - 1, "The record of where the chain ends was removed from the file.");
    }
  }

  /** Rows no link accounts for: inserted behind AuditDesk's back. Returns how many. */
  private long checkRows(Connection c, BitSet chained) throws SQLException {
    long inserted = 0;
    try (PreparedStatement p =
        c.prepareStatement("SELECT rk, id FROM event WHERE rk > ? ORDER BY rk LIMIT ?")) {
      long after = -1;
      while (true) {
        p.setLong(1, after);
        p.setInt(2, PAGE);
        int n = 0;
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            n++;
            after = r.getLong(1);
            if (after > Integer.MAX_VALUE || !chained.get((int) after)) {
              inserted++;
              long at = positionAfter(c, after);
              problem(
                  at,
                  "Event "
                      + r.getString(2)
                      + " (cache row "
                      + after
                      + ") was inserted behind AuditDesk's back: no link of the chain accounts for"
                      + " it (it sits before position "
                      + at
                      + ").");
            }
          }
        }
        if (n < PAGE) {
          return inserted;
        }
      }
    }
  }

  /** The first position whose row comes after {@code rk}: where an inserted row slipped in. */
  private long positionAfter(Connection c, long rk) throws SQLException {
    if (found >= MAX_LISTED) {
      return firstBad;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT COALESCE(MIN(pos), (SELECT COUNT(*) FROM chain_link)) FROM chain_link"
                + " WHERE rk > ?")) {
      p.setLong(1, rk);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static Map<String, String> meta(Connection c) throws SQLException {
    Map<String, String> m = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT k, v FROM meta WHERE k LIKE 'chain.%'")) {
      while (r.next()) {
        m.put(r.getString(1), r.getString(2));
      }
    }
    return m;
  }

  /** Per row, the JSON each superseding link replaced, by that link's position. */
  private static Map<Long, NavigableMap<Long, String>> replaced(Connection c) throws SQLException {
    Map<Long, NavigableMap<Long, String>> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pos, rk, replaced_raw FROM chain_link WHERE replaced_raw IS NOT NULL")) {
      while (r.next()) {
        out.computeIfAbsent(r.getLong(2), k -> new TreeMap<>()).put(r.getLong(1), r.getString(3));
      }
    }
    return out;
  }

  private static void readCheckpoints(
      Connection c, NavigableMap<Long, ChainReport.Checkpoint> out, Map<Long, byte[]> heads)
      throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pos, links, events, head, made_at, days_verified, days_unverified,"
                    + " days_cache_only FROM chain_checkpoint")) {
      while (r.next()) {
        long pos = r.getLong(1);
        Timestamp at = r.getTimestamp(5);
        out.put(
            pos,
            new ChainReport.Checkpoint(
                pos,
                r.getLong(2),
                r.getLong(3),
                at.toInstant(),
                r.getInt(6),
                r.getInt(7),
                r.getInt(8)));
        heads.put(pos, r.getBytes(4));
      }
    }
  }
}
