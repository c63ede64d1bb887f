package dev.auditdesk.cache;

import dev.auditdesk.model.ChainLink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Re-walks one hash chain against the rows the file holds now, on a reader connection in a snapshot
 * (a sync may write meanwhile): every link recomputed from its row's JSON (or the JSON a later
 * version replaced), every row accounted for by a link, the recorded end and the checkpoints
 * matched.
 */
final class ChainVerifier {

  private static final int PAGE = 10_000;

  private final HashChain.Spec spec;
  private final ChainFindings findings = new ChainFindings();
  private final RowText text;

  private ChainVerifier(HashChain.Spec spec, RowText text) {
    this.spec = spec;
    this.text = text;
  }

  /**
   * How a row's id and JSON are selected and read: an event's id may be kept as two numbers and its
   * JSON packed (from {@link JsonPacking#SINCE}); a connection row holds both as text.
   */
  private record RowText(String columns, boolean splitIds, JsonPacking packing) {

    static final RowText PLAIN = new RowText("r.id, 0, 0, r.raw", false, null);

    String id(ResultSet r, int at) throws SQLException {
      return splitIds ? EventTable.id(r, at) : r.getString(at);
    }

    String json(ResultSet r, int at) throws SQLException {
      return packing == null ? r.getString(at) : packing.unpack(r.getBytes(at));
    }
  }

  /** The chain of {@code spec}, which the file has from migration {@code since} on. */
  static ChainReport verify(Connection c, HashChain.Spec spec, int since) throws SQLException {
    if (Migrations.current(c) < since) {
      return new ChainReport(
          spec.log(), false, 0, 0, -1, List.of(), 0, Optional.empty(), Optional.empty());
    }
    if (spec != HashChain.EVENTS) {
      return new ChainVerifier(spec, RowText.PLAIN).walk(c);
    }
    if (Migrations.current(c) < JsonPacking.SINCE) {
      return new ChainVerifier(spec, new RowText("r.id, r.id_key, 0, r.raw", true, null)).walk(c);
    }
    try (JsonPacking packing = JsonPacking.of(c)) {
      return new ChainVerifier(spec, new RowText("r.id, r.id_key, r.id_low, r.body", true, packing))
          .walk(c);
    }
  }

  /** The rows links account for: a bit per row number for events, the ids for connections. */
  private interface Held {
    void add(Object ref);

    boolean has(Object ref);

    long count();

    static Held of(HashChain.Spec spec) {
      if (spec.ref().equals("rk")) {
        BitSet bits = new BitSet();
        return new Held() {
          public void add(Object ref) {
            bits.set(Math.toIntExact((Long) ref));
          }

          public boolean has(Object ref) {
            long rk = (Long) ref;
            return rk >= 0 && rk <= Integer.MAX_VALUE && bits.get((int) rk);
          }

          public long count() {
            return bits.cardinality();
          }
        };
      }
      Set<Object> ids = new HashSet<>();
      return new Held() {
        public void add(Object ref) {
          ids.add(ref);
        }

        public boolean has(Object ref) {
          return ids.contains(ref);
        }

        public long count() {
          return ids.size();
        }
      };
    }
  }

  private ChainReport walk(Connection c) throws SQLException {
    Map<String, String> meta = meta(c);
    Map<Object, NavigableMap<Long, String>> replaced = replaced(c);
    NavigableMap<Long, ChainReport.Checkpoint> checkpoints = new TreeMap<>();
    Map<Long, byte[]> checkpointHeads = new HashMap<>();
    readCheckpoints(c, checkpoints, checkpointHeads);
    MessageDigest sha = HashChain.sha256();
    byte[] previous = new byte[32];
    Held held = Held.of(spec);
    long expected = 0;
    Optional<ChainReport.Checkpoint> confirmed = Optional.empty();
    String row = spec.log().row();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT l.pos, l."
                + spec.ref()
                + ", l.link, "
                + text.columns()
                + " FROM "
                + spec.linkTable()
                + " l LEFT JOIN "
                + spec.rowTable()
                + " r ON r."
                + spec.ref()
                + " = l."
                + spec.ref()
                + " WHERE l.pos >= ? ORDER BY l.pos LIMIT ?")) {
      while (true) {
        p.setLong(1, expected);
        p.setInt(2, PAGE);
        int n = 0;
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            n++;
            long pos = r.getLong(1);
            Object ref = r.getObject(2);
            byte[] link = r.getBytes(3);
            String id = r.getString(4) == null ? null : text.id(r, 4);
            String now = text.json(r, 7);
            findings.gap(expected, pos, spec.log().words(), "file");
            String json = ChainFindings.jsonAt(replaced.get(ref), pos, now);
            if (now != null) {
              held.add(ref);
            }
            if (json == null) {
              findings.add(pos, removed(pos, ref));
            } else if (!Arrays.equals(
                HashChain.link(sha, previous, json.getBytes(StandardCharsets.UTF_8)), link)) {
              findings.add(
                  pos,
                  row
                      + " "
                      + (id != null ? id : ref)
                      + " (position "
                      + pos
                      + ") was changed after AuditDesk stored it.");
            }
            if (findings.checkpoint(pos, checkpointHeads.get(pos), link, spec.log().words())) {
              confirmed = Optional.of(checkpoints.get(pos));
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
    long rows = count(c);
    if (rows > held.count()) {
      checkRows(c, held, expected);
    }
    return new ChainReport(
        spec.log(),
        true,
        expected,
        rows,
        findings.firstBad(),
        findings.listed(),
        findings.unlisted(),
        confirmed,
        ChainReport.Built.parse(meta.get(spec.metaBuilt())));
  }

  /** A link whose row is gone: events by position and row (the link keeps no event id). */
  private String removed(long pos, Object ref) {
    return spec == HashChain.EVENTS
        ? "The event at position " + pos + " (cache row " + ref + ") was removed from the cache."
        : spec.log().row() + " " + ref + " (position " + pos + ") was removed from the cache.";
  }

  /** The chain must end where the last write recorded it, and reach every checkpoint. */
  private void checkEnd(
      Map<String, String> meta,
      NavigableMap<Long, ChainReport.Checkpoint> checkpoints,
      long links,
      byte[] last) {
    findings.checkEnd(
        ChainLink.Head.parse(meta.get(spec.metaHead())),
        checkpoints,
        links,
        last,
        spec.log().words(),
        "file");
  }

  private long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + spec.rowTable())) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Rows no link accounts for: inserted behind AuditDesk's back. Only run when the table holds more
   * rows than the links account for (reading every row again doubled the time of a verify).
   */
  private void checkRows(Connection c, Held held, long links) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + spec.ref()
                + ", "
                + text.columns().replace("r.", "")
                + " FROM "
                + spec.rowTable()
                + " WHERE "
                + spec.ref()
                + " > ? ORDER BY "
                + spec.ref()
                + " LIMIT ?")) {
      Object after = spec == HashChain.EVENTS ? (Object) (-1L) : "";
      while (true) {
        p.setObject(1, after);
        p.setInt(2, PAGE);
        int n = 0;
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            n++;
            after = r.getObject(1);
            if (!held.has(after)) {
              inserted(c, after, text.id(r, 2), links);
            }
          }
        }
        if (n < PAGE) {
          return;
        }
      }
    }
  }

  private void inserted(Connection c, Object ref, String id, long links) throws SQLException {
    String sentence =
        spec.log().row()
            + " "
            + id
            + (spec == HashChain.EVENTS ? " (cache row " + ref + ")" : "")
            + " was inserted behind AuditDesk's back: no link of the "
            + spec.log().words()
            + "'s chain accounts for it";
    if (spec == HashChain.EVENTS) {
      long at = positionAfter(c, (Long) ref);
      findings.add(at, sentence + " (it sits before position " + at + ").");
    } else {
      // Connection rows have no stored order: it would have joined at the chain's end.
      findings.add(links, sentence + " (it would join at position " + links + ").");
    }
  }

  /** The first position whose row comes after {@code rk}: where an inserted row slipped in. */
  private long positionAfter(Connection c, long rk) throws SQLException {
    if (findings.found() >= ChainFindings.MAX_LISTED) {
      return findings.firstBad();
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
  private Map<Object, NavigableMap<Long, String>> replaced(Connection c) throws SQLException {
    Map<Object, NavigableMap<Long, String>> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pos, "
                    + spec.ref()
                    + ", replaced_raw FROM "
                    + spec.linkTable()
                    + " WHERE replaced_raw IS NOT NULL")) {
      while (r.next()) {
        out.computeIfAbsent(r.getObject(2), k -> new TreeMap<>()).put(r.getLong(1), r.getString(3));
      }
    }
    return out;
  }

  private void readCheckpoints(
      Connection c, NavigableMap<Long, ChainReport.Checkpoint> out, Map<Long, byte[]> heads)
      throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pos, links, "
                    + spec.rowsColumn()
                    + ", head, made_at, days_verified, days_unverified, days_cache_only FROM "
                    + spec.checkpointTable())) {
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
