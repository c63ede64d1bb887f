package dev.auditdesk.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What re-walking one of a cache's hash chains found ({@link CacheEvidence#verify()}).
 *
 * @param log which log the chain covers: the audit log or the connection log
 * @param present false for a file made before the chain existed and opened read-only
 * @param links links walked
 * @param events rows of the log in the cache (events, or connection rows)
 * @param firstBadPosition the first chain position where something is wrong, -1 when whole
 * @param problems one plain sentence per finding (at most {@link ChainFindings#MAX_LISTED}), the
 *     first naming the first bad position; empty when whole
 * @param hidden further findings not listed
 * @param lastCheckpoint the latest checkpoint the chain confirmed, if any
 * @param builtOnUpgrade when the chain was built over events already cached (an upgrade), with how
 *     many: nothing is proven about them before that moment
 */
public record ChainReport(
    Log log,
    boolean present,
    long links,
    long events,
    long firstBadPosition,
    List<String> problems,
    int hidden,
    Optional<Checkpoint> lastCheckpoint,
    Optional<Built> builtOnUpgrade) {

  /** The two logs a cache keeps, each with its own chain, in the words a report uses. */
  public enum Log {
    AUDIT("audit log", "events", "Event"),
    CONNECTIONS("connection log", "connection rows", "Connection");

    private final String words;
    private final String rows;
    private final String row;

    Log(String words, String rows, String row) {
      this.words = words;
      this.rows = rows;
      this.row = row;
    }

    /** "audit log", "connection log". */
    public String words() {
      return words;
    }

    /** What its rows are called: "events", "connection rows". */
    public String rows() {
      return rows;
    }

    /** One row, capitalised, before its id: "Event", "Connection". */
    String row() {
      return row;
    }
  }

  /** A checkpoint: position, rows, time and the days' reconciliation state then. */
  public record Checkpoint(
      long position,
      long links,
      long events,
      Instant madeAt,
      int daysVerified,
      int daysUnverified,
      int daysOnlyInCache) {}

  /** The chain was built once over {@code events} already cached, at {@code at}. */
  public record Built(Instant at, long events) {
    /** Reads the meta value {@code INSTANT:EVENTS}; empty when missing or unreadable. */
    public static Optional<Built> parse(String s) {
      int colon = s == null ? -1 : s.lastIndexOf(':');
      try {
        return colon < 0
            ? Optional.empty()
            : Optional.of(
                new Built(
                    Instant.parse(s.substring(0, colon)), Long.parseLong(s.substring(colon + 1))));
      } catch (RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }

  public boolean whole() {
    return present && problems.isEmpty();
  }

  /** The report in plain words, one sentence a line, each naming the log. */
  public List<String> lines() {
    return lines("cache");
  }

  /** The same, naming where the log is kept: {@code "cache"}, or {@code "archive"}. */
  public List<String> lines(String place) {
    List<String> out = new ArrayList<>();
    String the = "The " + log.words() + "'s chain";
    if (!present) {
      out.add(
          "This cache was made by an AuditDesk without the "
              + log.words()
              + "'s hash chain and is open read-only; open it once read-write (sync, or start the"
              + " window) to build its chain.");
      return out;
    }
    if (whole()) {
      out.add(
          the
              + " is whole: "
              + links
              + " links account for all "
              + events
              + " "
              + log.rows()
              + " in the "
              + place
              + ", and nothing was changed, removed or inserted behind"
              + " AuditDesk's back.");
    } else {
      out.add(
          the
              + " is broken at position "
              + firstBadPosition
              + ": the "
              + log.words()
              + " in this "
              + place
              + " was changed behind AuditDesk's back.");
      out.addAll(problems);
      if (hidden > 0) {
        out.add("... and " + hidden + " more findings.");
      }
    }
    lastCheckpoint.ifPresent(
        c ->
            out.add(
                "Last checkpoint of the "
                    + log.words()
                    + ": position "
                    + c.position()
                    + " at "
                    + c.madeAt()
                    + ", "
                    + c.events()
                    + " "
                    + log.rows()
                    + "; days reconciled with the server: "
                    + c.daysVerified()
                    + " verified, "
                    + c.daysUnverified()
                    + " unverified, "
                    + c.daysOnlyInCache()
                    + " only in this "
                    + place
                    + "."));
    builtOnUpgrade.ifPresent(
        b ->
            out.add(
                the
                    + " was built on "
                    + b.at()
                    + " over the "
                    + b.events()
                    + " "
                    + log.rows()
                    + " this "
                    + place
                    + " already held when it was upgraded: it proves nothing"
                    + " about changes to them before then."));
    return out;
  }
}
