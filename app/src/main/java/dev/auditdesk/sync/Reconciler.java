package dev.auditdesk.sync;

import dev.auditdesk.cache.CacheException;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.ResourceTypes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes one UTC day's cache agree with the server, and says how far it got: reads the day's window
 * until the server's exact count equals the distinct events held, splitting a day above Coder's
 * count cap by action (then resource type), whose per-value counts are exact.
 */
final class Reconciler {

  /** The actions current Coder accepts in {@code action:}; values seen in the cache are added. */
  static final List<String> CODER_ACTIONS =
      List.of(
          "create",
          "write",
          "delete",
          "start",
          "stop",
          "login",
          "logout",
          "register",
          "request_password_reset",
          "connect",
          "disconnect",
          "open",
          "close");

  private final DayReader reader;
  private final CacheWriter writer;
  private final int rounds;

  Reconciler(DayReader reader, CacheWriter writer, int rounds) {
    this.reader = reader;
    this.writer = writer;
    this.rounds = Math.max(1, rounds);
  }

  /**
   * Checks day {@code d} whose seam events ({@code seam}, already stored) the caller read. With
   * {@code countFirst} one count request settles a day that already agrees; otherwise, or when it
   * does not, the day is read.
   */
  DayCheck check(LocalDate d, int seam, boolean countFirst)
      throws SyncException, PageReader.QueryRefused, DayReader.WindowsIgnored, CacheException {
    String q = DayWindows.window(d);
    long from = DayWindows.start(d);
    long to = from + DayWindows.WINDOW_END;
    DateRange window = DayWindows.windowRange(d);
    if (countFirst) {
      AuditPage c = reader.count(q, from, to);
      writer.flush();
      long local = reader.local(window, null, null);
      if (c.countExact() && c.count() == local) {
        return verified(d, c.count(), seam, "");
      }
      if (c.countExact() && c.count() == 0) {
        return done(d, DayCheck.State.ONLY_IN_CACHE, 0, 0, seam, "The server no longer lists it.");
      }
    }
    Agreement a = reread(q, from, to, window, null, null, -1);
    if (!a.exact) {
      return split(d, q, from, to, window, seam);
    }
    if (a.agrees) {
      // Every event the server counts was read and is in (or on its way into) the cache; the
      // record counts what the cache holds when it is written, after those pages.
      return pending(d, DayCheck.State.VERIFIED, a.count + seam, a.count, seam, "");
    }
    return done(
        d,
        DayCheck.State.UNVERIFIED,
        a.count + seam,
        a.count,
        seam,
        "The server counts "
            + a.count
            + " events in the day's window, the cache holds "
            + a.local
            + " after "
            + rounds
            + " reads.");
  }

  /** How a window's reads ended: the server's last count, whether it is exact, the cache's. */
  private record Agreement(boolean exact, long count, long local, boolean agrees) {}

  /**
   * Reads a window (a day, or one part of it) until every event the server counts has been read or
   * the cache holds that many, at most {@code rounds} times, each with other page edges. Stops at a
   * count above the cap. {@code local} is the cache's count when the caller already has it (-1: not
   * taken yet).
   */
  private Agreement reread(
      String q, long from, long to, DateRange window, String action, String type, long local)
      throws SyncException, PageReader.QueryRefused, DayReader.WindowsIgnored, CacheException {
    long count = -1;
    for (int round = 0; round < rounds; round++) {
      DayReader.Read r = reader.read(q, from, to, round);
      count = r.count();
      if (!r.exact()) {
        return new Agreement(false, count, local, false);
      }
      if (r.ids().size() == count) {
        return new Agreement(true, count, local, true);
      }
      writer.flush();
      local = reader.local(window, action, type);
      if (local == count) {
        return new Agreement(true, count, local, true);
      }
    }
    return new Agreement(true, count, local, false);
  }

  private DayCheck split(LocalDate d, String q, long from, long to, DateRange window, int seam)
      throws SyncException, PageReader.QueryRefused, DayReader.WindowsIgnored, CacheException {
    writer.flush(); // the actions the day's pages brought must be in the cache to be split by
    Set<String> actions = new LinkedHashSet<>(CODER_ACTIONS);
    actions.addAll(reader.cachedValues(Facet.ACTION, window, null));
    List<Slice> byAction = new ArrayList<>();
    for (String action : actions) {
      byAction.add(new Slice(action, null));
    }
    long total = 0;
    StringBuilder problems = new StringBuilder();
    boolean cappedOnly = true; // false once a part the server counts exactly disagrees
    List<Slice> byType = new ArrayList<>();
    List<Part> actionParts = parts(q, from, to, window, byAction);
    for (int i = 0; i < byAction.size(); i++) {
      Slice s = byAction.get(i);
      Part p = actionParts.get(i);
      if (p.exact) {
        total += p.count;
        if (!p.agrees) {
          cappedOnly = false;
          problems.append(s).append(": server ").append(p.count);
          problems.append(", cache ").append(p.local).append("; ");
        }
        continue;
      }
      Set<String> types = new LinkedHashSet<>(ResourceTypes.KNOWN);
      types.addAll(reader.cachedValues(Facet.RESOURCE_TYPE, window, s.action));
      for (String type : types) {
        byType.add(new Slice(s.action, type));
      }
    }
    // The types of every action above the cap in one batch: their counts are asked together.
    List<Part> typeParts = parts(q, from, to, window, byType);
    for (int i = 0; i < byType.size(); i++) {
      Slice s = byType.get(i);
      Part t = typeParts.get(i);
      total += Math.max(0, t.count);
      if (!t.exact) {
        problems.append(s).append(": above the server's count cap even when split; ");
      } else if (!t.agrees) {
        cappedOnly = false;
        problems.append(s).append(": server ").append(t.count);
        problems.append(", cache ").append(t.local).append("; ");
      }
    }
    writer.flush();
    long local = reader.local(window, null, null);
    if (local != total && problems.length() == 0) {
      // Every part agreed, yet the parts do not add up to the day: a value no part asked for.
      problems
          .append("the parts add up to ")
          .append(total)
          .append(", the cache holds ")
          .append(local)
          .append(';');
    }
    if (problems.length() == 0) {
      return verified(d, total, seam, "Above the server's count cap: checked per action.");
    }
    if (cappedOnly && local >= total) {
      // Every part the server would count agrees and the rest were read whole: reading the day
      // again gets no exact count either, so a plain sync passes it and --verify reads it again.
      return done(
          d,
          DayCheck.State.UNVERIFIED,
          -1,
          local,
          seam,
          DayCheck.CAPPED + "; split by action: " + problems.toString().trim());
    }
    return done(
        d,
        DayCheck.State.UNVERIFIED,
        -1,
        local,
        seam,
        "Above the server's count cap; split by action: " + problems.toString().trim());
  }

  /** One part of a split day: an action, or an action and a resource type. */
  private record Slice(String action, String type) {
    String terms() {
      return " action:" + action + (type == null ? "" : " resource_type:" + type);
    }

    @Override
    public String toString() {
      return type == null ? action : action + " " + type;
    }
  }

  /** One part of a split day: its exact server count (when the server gives one) and agreement. */
  private record Part(boolean exact, long count, long local, boolean agrees) {}

  /**
   * The parts of a day: their counts asked together (they are independent), then each compared with
   * the cache and read again, one at a time, where they differ.
   */
  private List<Part> parts(String q, long from, long to, DateRange window, List<Slice> slices)
      throws SyncException, DayReader.WindowsIgnored, CacheException {
    List<String> searches = new ArrayList<>(slices.size());
    for (Slice s : slices) {
      searches.add(q + s.terms());
    }
    List<AuditPage> counts = reader.counts(searches, from, to);
    List<Part> out = new ArrayList<>(slices.size());
    for (int i = 0; i < slices.size(); i++) {
      out.add(part(searches.get(i), counts.get(i), from, to, window, slices.get(i)));
    }
    return out;
  }

  /** One part, given the server's count of it ({@code c} null: the server refused the search). */
  private Part part(String q, AuditPage c, long from, long to, DateRange window, Slice s)
      throws SyncException, DayReader.WindowsIgnored, CacheException {
    if (c == null) {
      // A value the server does not accept is one it has no events of.
      long local = reader.local(window, s.action, s.type);
      return new Part(true, 0, local, local == 0);
    }
    writer.flush();
    long local = reader.local(window, s.action, s.type);
    if (!c.countExact()) {
      return new Part(false, c.count(), local, false);
    }
    if (local == c.count() || c.count() == 0) {
      return new Part(true, c.count(), local, local >= c.count());
    }
    try {
      Agreement a = reread(q, from, to, window, s.action, s.type, local);
      return new Part(true, a.agrees ? a.count : c.count(), a.local, a.agrees);
    } catch (PageReader.QueryRefused refused) {
      return new Part(true, c.count(), local, false);
    }
  }

  /**
   * A check whose cache count is taken when its record is written, after the day's pages ({@link
   * DayWindows} record writing is queued behind them).
   */
  private static DayCheck pending(
      LocalDate d, DayCheck.State state, long server, long windowCount, int seam, String note) {
    return new DayCheck(
        d, state, server, -1, windowCount, seam, DayCheck.UNKNOWN, Instant.now(), note);
  }

  private DayCheck verified(LocalDate d, long windowCount, int seam, String note) {
    return done(d, DayCheck.State.VERIFIED, windowCount + seam, windowCount, seam, note);
  }

  private DayCheck done(
      LocalDate d, DayCheck.State state, long server, long windowCount, int seam, String note) {
    long cached = reader.local(DayWindows.dayRange(d), null, null);
    return new DayCheck(
        d, state, server, cached, windowCount, seam, DayCheck.UNKNOWN, Instant.now(), note);
  }
}
