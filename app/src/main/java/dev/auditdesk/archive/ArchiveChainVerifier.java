package dev.auditdesk.archive;

import dev.auditdesk.cache.ChainFindings;
import dev.auditdesk.cache.ChainReport;
import dev.auditdesk.model.ChainLink;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-walks the archive's hash chain against the events the database holds now, in one snapshot (a
 * sync may write meanwhile), through a server-side cursor: every link recomputed from its event's
 * JSON (or the JSON a later version replaced), every event accounted for by a link, the recorded
 * end, the checkpoints and a link the auditor noted earlier matched. The sentences are the H2
 * cache's ({@code cache/ChainVerifier}).
 */
final class ArchiveChainVerifier {

  private static final int FETCH = 10_000;
  private static final String LOG = ChainReport.Log.AUDIT.words();

  private final Optional<ArchiveVerification.NotedLink> noted;
  private final ChainFindings findings = new ChainFindings();

  private ArchiveChainVerifier(Optional<ArchiveVerification.NotedLink> noted) {
    this.noted = noted;
  }

  /** Call inside a read-only repeatable-read transaction (the cursor and the snapshot need it). */
  static ArchiveVerification verify(Connection c, Optional<ArchiveVerification.NotedLink> noted)
      throws SQLException {
    return new ArchiveChainVerifier(noted).walk(c);
  }

  private ArchiveVerification walk(Connection c) throws SQLException {
    Map<String, String> meta = ArchiveRecord.meta(c);
    Map<String, NavigableMap<Long, String>> replaced = replaced(c);
    NavigableMap<Long, ChainReport.Checkpoint> checkpoints = new TreeMap<>();
    Map<Long, byte[]> checkpointLinks = new HashMap<>();
    readCheckpoints(c, checkpoints, checkpointLinks);
    MessageDigest sha = ChainLink.sha256();
    byte[] previous = ChainLink.genesis();
    long expected = 0;
    boolean notedSeen = false;
    Optional<ChainReport.Checkpoint> confirmed = Optional.empty();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT l.seq, l.id, l.hash, e.raw FROM archive_chain l"
                + " LEFT JOIN audit_event e ON e.id = l.id ORDER BY l.seq")) {
      p.setFetchSize(FETCH);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long pos = r.getLong(1);
          String id = r.getString(2);
          byte[] link = r.getBytes(3);
          String now = r.getString(4);
          findings.gap(expected, pos, LOG, "archive");
          String json = ChainFindings.jsonAt(replaced.get(id), pos, now);
          if (json == null) {
            findings.add(
                pos, "Event " + id + " (position " + pos + ") was removed from the archive.");
          } else if (!Arrays.equals(ChainLink.next(sha, previous, json), link)) {
            findings.add(
                pos,
                "Event " + id + " (position " + pos + ") was changed after AuditDesk stored it.");
          }
          if (findings.checkpoint(pos, checkpointLinks.get(pos), link, LOG)) {
            confirmed = Optional.of(checkpoints.get(pos));
          }
          if (noted.isPresent() && noted.get().position() == pos) {
            notedSeen = true;
            if (!Arrays.equals(noted.get().link(), link)) {
              findings.add(
                  pos,
                  "The link at position "
                      + pos
                      + " is not the one you noted: the chain up to it was rewritten in the"
                      + " archive.");
            }
          }
          previous = link;
          expected = pos + 1;
        }
      }
    }
    if (noted.isPresent() && !notedSeen) {
      findings.add(
          expected,
          "The chain ends at "
              + expected
              + " links, before position "
              + noted.get().position()
              + " that you noted: links were removed from the archive.");
    }
    checkEnd(meta, checkpoints, expected, previous);
    long events = count(c, "SELECT count(*) FROM audit_event");
    checkInserted(c, expected);
    ChainReport report =
        new ChainReport(
            ChainReport.Log.AUDIT,
            true,
            expected,
            events,
            findings.firstBad(),
            findings.listed(),
            findings.unlisted(),
            confirmed,
            ChainReport.Built.parse(meta.get(ArchiveChain.META_BUILT)));
    return new ArchiveVerification(
        report,
        expected == 0
            ? Optional.empty()
            : Optional.of(new ArchiveVerification.NotedLink(expected - 1, previous)));
  }

  /** The chain must end where the last write recorded it, and reach every checkpoint. */
  private void checkEnd(
      Map<String, String> meta,
      NavigableMap<Long, ChainReport.Checkpoint> checkpoints,
      long links,
      byte[] last) {
    findings.checkEnd(
        ChainLink.Head.parse(meta.get(ArchiveChain.META_HEAD)),
        checkpoints,
        links,
        last,
        LOG,
        "archive");
  }

  /**
   * Events no link accounts for: inserted behind AuditDesk's back. The anti-join runs on the server
   * (the chain's id index), so nothing per event is held here.
   */
  private void checkInserted(Connection c, long links) throws SQLException {
    String notLinked =
        " FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM archive_chain l WHERE l.id = e.id)";
    long n = count(c, "SELECT count(*)" + notLinked);
    if (n == 0) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement("SELECT e.id" + notLinked + " ORDER BY e.stored_at, e.id LIMIT ?")) {
      p.setInt(1, ChainFindings.MAX_LISTED);
      try (ResultSet r = p.executeQuery()) {
        long listed = 0;
        while (r.next()) {
          listed++;
          findings.add(
              links,
              "Event "
                  + r.getString(1)
                  + " was inserted behind AuditDesk's back: no link of the "
                  + LOG
                  + "'s chain accounts for it (it would join at position "
                  + links
                  + ").");
        }
        findings.addUncounted(n - listed);
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Per event, the JSON each superseding link replaced, by that link's position. */
  private static Map<String, NavigableMap<Long, String>> replaced(Connection c)
      throws SQLException {
    Map<String, NavigableMap<Long, String>> out = new HashMap<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT seq, id, replaced_raw FROM archive_chain WHERE replaced_raw IS NOT NULL");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.computeIfAbsent(r.getString(2), k -> new TreeMap<>()).put(r.getLong(1), r.getString(3));
      }
    }
    return out;
  }

  private static void readCheckpoints(
      Connection c, NavigableMap<Long, ChainReport.Checkpoint> out, Map<Long, byte[]> links)
      throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT seq, links, events, hash, made_at, days_verified, days_unverified,"
                    + " days_only_in_archive FROM archive_chain_checkpoint");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        long pos = r.getLong(1);
        out.put(
            pos,
            new ChainReport.Checkpoint(
                pos,
                r.getLong(2),
                r.getLong(3),
                r.getObject(5, OffsetDateTime.class).toInstant(),
                r.getInt(6),
                r.getInt(7),
                r.getInt(8)));
        links.put(pos, r.getBytes(4));
      }
    }
  }
}
