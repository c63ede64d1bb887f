package dev.auditdesk.sync;

import dev.auditdesk.DaemonThreads;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads Coder's windows page by page without trusting the order of equal times, and probes below a
 * day for the next older one. Every event read is handed to the {@link CacheWriter}.
 */
final class DayReader implements AutoCloseable {

  /** A server that does not honour {@code date_from}/{@code date_to} (older Coder). */
  static final class WindowsIgnored extends Exception {
    WindowsIgnored(String why) {
      super(why);
    }
  }

  /**
   * What one complete read of a window saw: the distinct ids, the count the last page reported, and
   * whether that count is exact (below the server's cap).
   */
  record Read(Set<String> ids, long count, boolean exact) {}

  /** The next older day with events, and the events of its seam already read; END when none. */
  record Below(LocalDate next, List<AuditEvent> seam) {
    static final Below END = new Below(null, List.of());

    boolean end() {
      return next == null;
    }
  }

  static final int PROBE = 8;

  /** The largest answer asked for to read one tie group whole (a bulk operation's events). */
  static final int MAX_TIE_PAGE = 65_536;

  /**
   * Count requests of one split asked at once: they are independent, a day above the cap at 10M
   * events asked up to 224 of them one after the other, and CoderTransport keeps 4 connections.
   */
  static final int COUNTS_IN_FLIGHT = 4;

  private final PageReader pages;
  private final CacheWriter writer;
  private final AuditCache cache;
  private ExecutorService counting;

  DayReader(PageReader pages, CacheWriter writer, AuditCache cache) {
    this.pages = pages;
    this.writer = writer;
    this.cache = cache;
  }

  /**
   * Reads a window to its end. A page's trailing run of equal times is read again at the start of
   * the next page: since every event newer than that time sits before it in any order the server
   * picks, a tie group smaller than a page then arrives whole in one answer. {@code round} varies
   * the page size so a re-read sees other page edges.
   */
  Read read(String q, long from, long toInclusive, int round)
      throws SyncException, PageReader.QueryRefused, WindowsIgnored, CacheException {
    Seen seen = new Seen(q, from, toInclusive);
    long offset = 0;
    while (true) {
      int limit = Math.max(1, pages.pageSize() - round * 7);
      AuditPage page = seen.take(pages.fetch(q, offset, limit));
      int received = page.received();
      if (received < limit) {
        if (received == 0 || pages.limitConfirmed()) {
          return seen.read();
        }
        AuditPage next = pages.fetch(q, offset + received, limit);
        if (next.received() == 0) {
          pages.confirmLimit();
          return seen.read();
        }
        pages.adopt(received);
        offset += received + seen.take(next).received() - tail(next.events(), next.received());
        continue;
      }
      pages.confirmLimit();
      if (oneTime(page)) {
        // A tie group at least a page long: no page edge inside it can be trusted, so read it
        // whole in one larger answer from its first position (where this page starts).
        AuditPage whole = wholeTieGroup(q, offset, limit);
        if (whole != null) {
          seen.take(whole);
          // When the server would not go larger, go on past what it gave.
          offset +=
              whole.received() - (oneTime(whole) ? 0 : tail(whole.events(), whole.received()));
          continue;
        }
      }
      offset += received - tail(page.events(), received);
    }
  }

  /** What one read of a window has seen so far; every page it takes goes into the cache. */
  private final class Seen {
    private final String q;
    private final long from;
    private final long toInclusive;
    private final Set<String> ids = new HashSet<>();
    private long count = -1;
    private boolean exact = true;

    Seen(String q, long from, long toInclusive) {
      this.q = q;
      this.from = from;
      this.toInclusive = toInclusive;
    }

    AuditPage take(AuditPage page) throws WindowsIgnored, CacheException {
      requireInside(page, from, toInclusive, q);
      writer.store(page);
      for (AuditEvent e : page.events()) {
        ids.add(e.id());
      }
      count = page.count();
      exact = page.countExact();
      return page;
    }

    Read read() {
      return new Read(ids, count, exact);
    }
  }

  /** Whether every event of a full page has the same time. */
  private static boolean oneTime(AuditPage page) {
    List<AuditEvent> ev = page.events();
    return ev.size() > 1
        && ev.size() == page.received()
        && DayWindows.micros(ev.get(0)) == DayWindows.micros(ev.get(ev.size() - 1));
  }

  /**
   * The tie group starting at {@code offset}, in one answer four, sixteen... times a page until it
   * ends inside the answer; null when the server refuses larger pages.
   */
  private AuditPage wholeTieGroup(String q, long offset, int limit)
      throws SyncException, PageReader.QueryRefused {
    AuditPage whole = null;
    for (long big = (long) limit * 4; big <= MAX_TIE_PAGE; big *= 4) {
      AuditPage p = pages.fetchLarger(q, offset, (int) big);
      if (p == null) {
        return whole;
      }
      whole = p;
      if (p.received() < big || !oneTime(p)) {
        return p;
      }
    }
    return whole;
  }

  /** How many trailing events share the last event's time (0 when the whole page does). */
  private static int tail(List<AuditEvent> events, int received) {
    if (events.isEmpty()) {
      return 0;
    }
    long last = DayWindows.micros(events.get(events.size() - 1));
    int k = 0;
    for (int i = events.size() - 1; i >= 0 && DayWindows.micros(events.get(i)) == last; i--) {
      k++;
    }
    return k >= received ? 0 : k;
  }

  private static void requireInside(AuditPage page, long from, long toInclusive, String q)
      throws WindowsIgnored {
    if (from == Long.MIN_VALUE && toInclusive == Long.MAX_VALUE) {
      return;
    }
    for (AuditEvent e : page.events()) {
      long t = DayWindows.micros(e);
      if (t != Long.MIN_VALUE && (t < from || t > toInclusive)) {
        throw new WindowsIgnored(
            "asked for \"" + q + "\", the server also listed an event of " + e.time());
      }
    }
  }

  /** The server's count of a search, from a one-event page. */
  AuditPage count(String q, long from, long toInclusive)
      throws SyncException, PageReader.QueryRefused, WindowsIgnored, CacheException {
    AuditPage page = pages.fetch(q, 0, 1);
    requireInside(page, from, toInclusive, q);
    // Not stored: a count that agrees means the cache holds it, one that does not reads the window.
    writer.count(page);
    return page;
  }

  /**
   * The server's counts of several searches of one window, {@link #COUNTS_IN_FLIGHT} asked at a
   * time, in the order of {@code qs}; null for a search the server refuses (a value it does not
   * accept in a key). The first failure stops the searches not yet asked and is thrown; nothing is
   * stored, so nothing is lost.
   */
  List<AuditPage> counts(List<String> qs, long from, long toInclusive)
      throws SyncException, WindowsIgnored, CacheException {
    CompletionService<Counted> done = new ExecutorCompletionService<>(counting());
    List<Future<Counted>> asked = new ArrayList<>(qs.size());
    for (int i = 0; i < qs.size(); i++) {
      int index = i;
      String q = qs.get(i);
      asked.add(
          done.submit(
              () -> {
                try {
                  return new Counted(index, count(q, from, toInclusive));
                } catch (PageReader.QueryRefused refused) {
                  return new Counted(index, null);
                }
              }));
    }
    AuditPage[] out = new AuditPage[qs.size()];
    try {
      for (int n = 0; n < qs.size(); n++) {
        Counted c = done.take().get();
        out[c.index()] = c.page();
      }
      return java.util.Arrays.asList(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pages.checkStop();
      throw new IllegalStateException("interrupted", e); // checkStop throws first
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      for (Future<Counted> f : asked) {
        f.cancel(false); // those not started yet; a request on the wire ends by itself
      }
    }
  }

  private record Counted(int index, AuditPage page) {}

  private static RuntimeException rethrow(Throwable t)
      throws SyncException, WindowsIgnored, CacheException {
    if (t instanceof SyncException e) {
      throw e;
    }
    if (t instanceof WindowsIgnored e) {
      throw e;
    }
    if (t instanceof CacheException e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  private synchronized ExecutorService counting() {
    if (counting == null) {
      counting =
          Executors.newFixedThreadPool(
              COUNTS_IN_FLIGHT, DaemonThreads.numbered("audit-sync-count"));
    }
    return counting;
  }

  @Override
  public synchronized void close() {
    if (counting != null) {
      counting.shutdownNow();
    }
  }

  /**
   * Finds the next older day with events below {@code day}, whose window holds {@code windowCount}
   * events on the server ({@code day} null: from the newest event). Asks for {@code date_to:day}
   * just past that window, one event early to check the position, and reads the seam events at the
   * top of the next day.
   */
  Below below(LocalDate day, long windowCount)
      throws SyncException, PageReader.QueryRefused, WindowsIgnored, CacheException {
    String q = day == null ? "" : DayWindows.upTo(day);
    long dayStart = day == null ? Long.MAX_VALUE : DayWindows.start(day);
    long to = day == null ? Long.MAX_VALUE : dayStart + DayWindows.WINDOW_END;
    long offset = Math.max(0, windowCount - 1);
    List<AuditEvent> seam = new ArrayList<>();
    LocalDate next = null;
    for (int guard = 0; guard < 10_000; guard++) {
      AuditPage page = pages.fetch(q, offset, PROBE);
      if (day == null && offset == 0) {
        pages.noteTotal(page);
      }
      requireInside(page, Long.MIN_VALUE + 1, to, q);
      writer.count(page); // its events are the day's own or the next day's, read there again
      List<AuditEvent> events = page.events();
      if (events.isEmpty()) {
        if (offset == 0 || next != null) {
          return found(next, seam);
        }
        offset = Math.max(0, offset - PROBE); // the window shrank: step back and look again
        continue;
      }
      long first = DayWindows.micros(events.get(0));
      if (next == null && offset > 0 && first < dayStart) {
        offset = Math.max(0, offset - PROBE); // past the window's last event: step back
        continue;
      }
      for (AuditEvent e : events) {
        long t = DayWindows.micros(e);
        if (t >= dayStart) {
          continue; // still the day's own window
        }
        LocalDate d = DayWindows.dayOf(t);
        if (next == null) {
          next = d;
        }
        if (!d.equals(next) || !DayWindows.inSeam(t)) {
          return found(next, seam);
        }
        if (seam.stream().noneMatch(x -> x.id().equals(e.id()))) {
          seam.add(e);
        }
      }
      if (page.received() < PROBE) {
        return found(next, seam);
      }
      offset += page.received() - 1;
    }
    throw new IllegalStateException("The server's answers below " + day + " never settled.");
  }

  /** What a probe found: the next day (null: none) with its seam events, stored in one write. */
  private Below found(LocalDate next, List<AuditEvent> seam) throws CacheException {
    if (next == null) {
      return Below.END;
    }
    if (!seam.isEmpty()) {
      writer.store(seam);
    }
    return new Below(next, seam);
  }

  /** Events of {@code q}'s part of a day the cache holds. */
  long local(DateRange range, String action, String type) {
    AuditQuery query = AuditQuery.ALL.withRange(range);
    if (action != null) {
      query = query.with(Facet.ACTION, Set.of(action));
    }
    if (type != null) {
      query = query.with(Facet.RESOURCE_TYPE, Set.of(type));
    }
    return cache.count(query);
  }

  /** Values of a facet the cache holds in a range (to split a day the server will not count). */
  Set<String> cachedValues(Facet facet, DateRange range, String action) {
    AuditQuery query = AuditQuery.ALL.withRange(range);
    if (action != null) {
      query = query.with(Facet.ACTION, Set.of(action));
    }
    Set<String> out = new LinkedHashSet<>();
    for (FacetValue v : cache.facetValues(facet, query)) {
      if (v.count() > 0) {
        out.add(v.value());
      }
    }
    return out;
  }
}
