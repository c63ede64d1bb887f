package dev.auditdesk.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The events a demo audit request lists, newest first: the generated history (kept sorted by time,
 * so a date window is found by binary search instead of a scan of millions of events) merged with
 * the few events the {@link DemoQuirks} plant (bursts, future-dated, seam and late events), with
 * equal times reshuffled per request when the quirk asks for it.
 */
final class DemoTimeline {

  private static final long DAY_MICROS = 86_400_000_000L;

  /** A planted event and the audit request from which it is listed (0 = always). */
  private record Extra(DemoEvent event, int fromRequest) {}

  /** One answer: the page's events and the count Coder would report. */
  record Listing(List<DemoEvent> page, long count) {}

  /** What one request can see of the history. */
  record View(int size, int firstVisible, boolean hideLate, int request) {}

  private final DemoHistory history;
  private final BitSet late;
  private final List<Extra> extras; // ascending time
  private final long[] extraMicros;

  DemoTimeline(
      DemoHistory history, DemoQuirks q, long seed, Instant end, BitSet late, boolean patterns) {
    this.history = history;
    this.late = late;
    List<Extra> planted = plant(history, q, seed, end);
    if (patterns) {
      long endMicros = end.getEpochSecond() * 1_000_000L + end.getNano() / 1000;
      for (DemoEvent e : DemoPatterns.events(history.catalog(), seed, endMicros)) {
        planted.add(new Extra(e, 0));
      }
    }
    planted.sort((a, b) -> Long.compare(a.event().micros, b.event().micros));
    this.extras = List.copyOf(planted);
    this.extraMicros = new long[extras.size()];
    for (int k = 0; k < extraMicros.length; k++) {
      extraMicros[k] = extras.get(k).event().micros;
    }
  }

  private static List<Extra> plant(DemoHistory h, DemoQuirks q, long seed, Instant end) {
    List<Extra> out = new ArrayList<>();
    int n = h.size();
    if (n == 0 || q.extraEvents() == 0) {
      return out;
    }
    SplittableRandom r = new SplittableRandom(seed * 7919 + 17);
    long endMicros = end.getEpochSecond() * 1_000_000L + end.getNano() / 1000;
    long first = h.micros(0);
    // A bulk operation: many events on one microsecond, two thirds of the way through the history.
    long burstAt = first + (endMicros - first) * 2 / 3;
    for (int k = 0; k < q.burst(); k++) {
      out.add(new Extra(copy(h, r, burstAt, n), 0));
    }
    for (int k = 0; k < q.futureEvents(); k++) {
      out.add(new Extra(copy(h, r, endMicros + 2 * DAY_MICROS + k * 1_000_000L, n), 0));
    }
    long firstDay = Math.floorDiv(first, DAY_MICROS);
    long lastDay = Math.floorDiv(endMicros, DAY_MICROS) - 1;
    for (int k = 0; k < q.seamEvents(); k++) {
      long day =
          q.seamEvents() == 1
              ? lastDay
              : firstDay + (lastDay - firstDay) * k / (q.seamEvents() - 1);
      long at = (day + 1) * DAY_MICROS - 500_000L + k; // 23:59:59.5 of that day
      out.add(new Extra(copy(h, r, at, n), 0));
    }
    long lateAt = endMicros - q.lateAgeDays() * DAY_MICROS;
    for (int k = 0; k < q.lateEvents(); k++) {
      out.add(new Extra(copy(h, r, lateAt + k * 7_000_000L, n), Math.max(0, q.lateAfterRequest())));
    }
    return out;
  }

  /** A generated event with a new identity and the given time. */
  private static DemoEvent copy(DemoHistory h, SplittableRandom r, long micros, int n) {
    DemoEvent e = h.event(r.nextInt(n));
    e.id = DemoCatalog.uuid(r);
    e.requestId = DemoCatalog.uuid(r);
    e.micros = micros;
    e.fractionDigits = 6;
    e.offsetMinutes = 0;
    return e;
  }

  /** Planted events visible to {@code view} (for tests that need the truth). */
  int visibleExtras(View view) {
    int c = 0;
    for (Extra x : extras) {
      if (visible(x, view)) {
        c++;
      }
    }
    return c;
  }

  /** Every event {@code view} can see, in no particular order: the truth a test compares with. */
  List<DemoEvent> all(View view) {
    List<DemoEvent> out = new ArrayList<>();
    for (int i = view.firstVisible(); i < view.size(); i++) {
      if (!(view.hideLate() && late.get(i))) {
        out.add(history.event(i));
      }
    }
    for (Extra x : extras) {
      if (visible(x, view)) {
        out.add(x.event());
      }
    }
    return out;
  }

  private boolean visible(Extra x, View view) {
    if (x.fromRequest() > 0 && view.request() < x.fromRequest()) {
      return false;
    }
    return view.firstVisible() == 0
        || view.firstVisible() >= view.size()
        || x.event().micros >= history.micros(view.firstVisible());
  }

  /**
   * Lists the events matching {@code filter} newest first, from {@code offset}, and counts them up
   * to {@code cap + 1} (Coder's count stops there; 0 = uncapped).
   */
  Listing list(DemoFilter filter, View view, long offset, int limit, long cap, Random ties) {
    long from = filter.fromMicros();
    long to = filter.toMicrosInclusive();
    int lo = lowerBound(view.firstVisible(), view.size(), from);
    int hi = lowerBound(lo, view.size(), to == Long.MAX_VALUE ? Long.MAX_VALUE : to + 1);
    if (to == Long.MAX_VALUE) {
      hi = view.size();
    }
    boolean byEvent = filter.needsEvent();
    boolean byCode = byEvent && filter.onlyActionAndType();
    long exact = -1;
    if (!byEvent) {
      long hidden = view.hideLate() ? late.get(lo, Math.max(lo, hi)).cardinality() : 0;
      long extrasIn = 0;
      for (Extra x : extras) {
        long t = x.event().micros;
        if (t >= from && t <= to && visible(x, view)) {
          extrasIn++;
        }
      }
      exact = (hi - lo) - hidden + extrasIn;
    }
    long stopAt =
        byEvent ? (cap > 0 ? Math.max(offset + limit, cap + 1) : Long.MAX_VALUE) : offset + limit;
    List<DemoEvent> page = new ArrayList<>(Math.min(limit, 4096));
    long position = 0;
    int i = hi - 1;
    int x = upperExtra(to) - 1;
    List<DemoEvent> group = new ArrayList<>();
    while (position < stopAt) {
      long ti = i >= lo ? history.micros(i) : Long.MIN_VALUE;
      long tx = x >= 0 && extraMicros[x] >= from ? extraMicros[x] : Long.MIN_VALUE;
      if (ti == Long.MIN_VALUE && tx == Long.MIN_VALUE) {
        break;
      }
      long t = Math.max(ti, tx);
      group.clear();
      List<Integer> mainRefs = new ArrayList<>();
      while (i >= lo && history.micros(i) == t) {
        if (!(view.hideLate() && late.get(i))) {
          mainRefs.add(i);
        }
        i--;
      }
      List<DemoEvent> extraRefs = new ArrayList<>();
      while (x >= 0 && extraMicros[x] == t) {
        Extra e = extras.get(x);
        if (visible(e, view)) {
          extraRefs.add(e.event());
        }
        x--;
      }
      // Materialise only what is needed: a filter needs every event; otherwise only the page's.
      List<Object> refs = new ArrayList<>(mainRefs.size() + extraRefs.size());
      refs.addAll(mainRefs);
      refs.addAll(extraRefs);
      if (ties != null && refs.size() > 1) {
        Collections.shuffle(refs, ties);
      }
      for (Object ref : refs) {
        DemoEvent e = null;
        if (byCode && ref instanceof Integer idx) {
          if (!filter.testActionType(history.actionType(idx), history)) {
            continue;
          }
        } else if (byEvent) {
          e = materialise(ref);
          if (!filter.test(e, history)) {
            continue;
          }
        }
        if (position >= offset && position < offset + limit) {
          page.add(e != null ? e : materialise(ref));
        }
        position++;
      }
    }
    long count = exact >= 0 ? exact : position;
    if (cap > 0) {
      count = Math.min(count, cap + 1);
    }
    return new Listing(page, count);
  }

  private DemoEvent materialise(Object ref) {
    return ref instanceof Integer idx ? history.event(idx) : (DemoEvent) ref;
  }

  /** The first index in [from, to) whose time is at least {@code micros}. */
  private int lowerBound(int from, int to, long micros) {
    int a = from;
    int b = to;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (history.micros(m) < micros) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  /** The number of planted events with a time at most {@code micros}. */
  private int upperExtra(long micros) {
    int a = 0;
    int b = extraMicros.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (extraMicros[m] <= micros) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }
}
