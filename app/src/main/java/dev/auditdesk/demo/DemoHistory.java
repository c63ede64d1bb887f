package dev.auditdesk.demo;

import dev.auditdesk.demo.DemoEvent.OrgStyle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, compact audit history: per event only its time (epoch microseconds, 8 bytes) and its
 * kind (1 byte) are stored, in chronological order; everything else is regenerated from {@code
 * hash(seed, day, number within the day)} when the event is served. A million events take about 9
 * MB.
 *
 * <p>Activity is skewed like a real deployment: weekdays and business hours, holidays, a few busy
 * users, scheduled autostart in the morning and autostop in the evening (system events with {@code
 * user: null}), and the older connection actions only in the older part of the history.
 */
final class DemoHistory {

  static final byte HUMAN = 0;
  static final byte AUTOSTART = 1;
  static final byte AUTOSTOP = 2;

  private static final long DAY_MICROS = 86_400_000_000L;
  private static final double SATURDAY_WEIGHT = 0.18;
  private static final double SUNDAY_WEIGHT = 0.12;
  private static final int[] RARE_DIGITS = {1, 2, 4, 5, 7, 8};

  private record Times(long[] micros, byte[] kinds, int size) {}

  /**
   * The generated part of the history: event {@code i} is number {@code i - dayFirstIndex[d] +
   * firstOfDay[d]} of day {@code days[d]}, which gives it the same identity in every window.
   */
  private record Window(
      Times times, long[] days, int[] dayFirstIndex, int[] firstOfDay, long firstDayMicros) {}

  /** A day's events in time order, as many as had happened by the end of the history. */
  private record Day(long epochDay, long[] micros, byte[] kinds) {}

  private final long seed;
  private final boolean quiet;
  private final DemoCatalog catalog;
  private final long startMicros;
  private final long oldCutoffMicros;
  private final long orgIdOnlyCutoffMicros;
  private final long[] days;
  private final int[] dayFirstIndex;
  private final int[] firstOfDay;
  private final int generated;
  private volatile Times times;
  private final DemoActivity activity;
  private volatile short[] actionTypes = new short[0];
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> pairCodes =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.List<String[]> pairs = new java.util.ArrayList<>();

  /**
   * The newest {@code events} events of the seed's endless timeline up to {@code end}. Each
   * calendar day's events depend only on the seed and the day, so a later end keeps every earlier
   * event (same id, same time) and adds the ones that happened since, like a real deployment.
   */
  DemoHistory(long seed, int events, Instant end) {
    this(seed, events, end, false);
  }

  /** With {@code quiet}, the working hours of a few days are silent ({@link DemoPatterns}). */
  DemoHistory(long seed, int events, Instant end, boolean quiet) {
    this.seed = seed;
    this.quiet = quiet;
    long endMicros = end.getEpochSecond() * 1_000_000L + end.getNano() / 1000;
    Window w = generate(events, endMicros);
    this.days = w.days();
    this.dayFirstIndex = w.dayFirstIndex();
    this.firstOfDay = w.firstOfDay();
    this.generated = events;
    this.times = w.times();
    this.startMicros = w.firstDayMicros();
    this.oldCutoffMicros = startMicros + (long) ((endMicros - startMicros) * 0.55);
    this.orgIdOnlyCutoffMicros = startMicros + (long) ((endMicros - startMicros) * 0.12);
    this.catalog = new DemoCatalog(seed, Instant.ofEpochSecond(startMicros / 1_000_000L));
    this.activity = new DemoActivity(catalog);
  }

  DemoCatalog catalog() {
    return catalog;
  }

  /**
   * Event {@code i}'s action and resource type as one small code ({@link #actionOf}, {@link
   * #typeOf}), regenerated once and then kept (2 bytes per event): a filtered count tests these
   * instead of regenerating every event of the window, and a sync's split of a day above the count
   * cap asks ~50 such counts of the same day (at 10M events that regeneration was most of a full
   * sync's time). Indices never move (events are only appended), so a kept code stays right.
   */
  int actionType(int i) {
    short[] a = actionTypes;
    if (i < a.length && a[i] != 0) {
      return a[i];
    }
    DemoEvent e = event(i);
    int code =
        pairCodes.computeIfAbsent(
            e.action + '\u0001' + e.resourceType,
            k -> {
              synchronized (pairs) {
                pairs.add(new String[] {e.action, e.resourceType});
                return pairs.size();
              }
            });
    keep(i, code);
    return code;
  }

  String actionOf(int code) {
    synchronized (pairs) {
      return pairs.get(code - 1)[0];
    }
  }

  String typeOf(int code) {
    synchronized (pairs) {
      return pairs.get(code - 1)[1];
    }
  }

  private synchronized void keep(int i, int code) {
    if (i >= actionTypes.length) {
      actionTypes = Arrays.copyOf(actionTypes, Math.max(i + 1, size() + size() / 8));
    }
    // A racing reader may still see 0 and regenerate the same code: harmless.
    actionTypes[i] = (short) code;
  }

  int size() {
    return times.size();
  }

  long micros(int i) {
    return times.micros()[i];
  }

  /**
   * Appends {@code n} events that happen now, by the server's clock (never before the newest event
   * already there; an event written with whole seconds may share its second with others).
   */
  synchronized void append(int n) {
    Times t = times;
    long[] m = t.micros();
    byte[] k = t.kinds();
    if (t.size() + n > m.length) {
      int cap = Math.max(t.size() + n, m.length + m.length / 2 + 16);
      m = Arrays.copyOf(m, cap);
      k = Arrays.copyOf(k, cap);
    }
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    long last = t.size() == 0 ? startMicros : m[t.size() - 1];
    for (int j = 0; j < n; j++) {
      int i = t.size() + j;
      last = roundUp(Math.max(last, nowMicros - (n - 1 - j)), digits(key(i)));
      m[i] = last;
      k[i] = HUMAN;
    }
    times = new Times(m, k, t.size() + n);
  }

  /**
   * The identity of event {@code i}: its day and number within the day for the generated history
   * (the same in every window), a negative number for events appended while serving.
   */
  private long key(int i) {
    if (i >= generated) {
      return ~(long) i;
    }
    int d = Arrays.binarySearch(dayFirstIndex, i);
    if (d < 0) {
      d = -d - 2;
    }
    return (days[d] << 24) | (i - dayFirstIndex[d] + firstOfDay[d]);
  }

  /** Walks back from the end's day until {@code events} events are found, then lays them out. */
  private Window generate(int events, long endMicros) {
    int spanDays = Math.max(30, Math.min(1100, events / 150));
    // Expected events on an ordinary weekday, so that about spanDays days hold all the events.
    double perWeekday = events / (spanDays * (5 + SATURDAY_WEIGHT + SUNDAY_WEIGHT) / 7.0);
    long endDay = Math.floorDiv(endMicros, DAY_MICROS);
    List<Day> newestFirst = new ArrayList<>();
    int found = 0;
    for (long day = endDay; found < events; day--) {
      Day d = day(day, perWeekday, endMicros);
      if (d.micros().length > 0) {
        newestFirst.add(d);
        found += d.micros().length;
      }
    }
    long[] micros = new long[events];
    byte[] kinds = new byte[events];
    int n = newestFirst.size();
    long[] dayNumbers = new long[n];
    int[] firstIndex = new int[n];
    int[] firstOfDay = new int[n];
    int index = 0;
    for (int s = 0; s < n; s++) {
      Day d = newestFirst.get(n - 1 - s);
      // Only the newest events of the oldest day fit.
      int skip = s == 0 ? found - events : 0;
      int take = d.micros().length - skip;
      System.arraycopy(d.micros(), skip, micros, index, take);
      System.arraycopy(d.kinds(), skip, kinds, index, take);
      dayNumbers[s] = d.epochDay();
      firstIndex[s] = index;
      firstOfDay[s] = skip;
      index += take;
    }
    long firstDay = n == 0 ? endDay - spanDays + 1 : dayNumbers[0];
    return new Window(
        new Times(micros, kinds, events),
        dayNumbers,
        firstIndex,
        firstOfDay,
        firstDay * DAY_MICROS);
  }

  /** The events of one calendar day up to {@code endMicros}; the day alone decides them. */
  private Day day(long epochDay, double perWeekday, long endMicros) {
    SplittableRandom r = new SplittableRandom(mix(seed * 31 + 7, epochDay));
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    boolean weekend = date.getDayOfWeek().getValue() >= 6;
    double weekday =
        switch (date.getDayOfWeek()) {
          case SATURDAY -> SATURDAY_WEIGHT;
          case SUNDAY -> SUNDAY_WEIGHT;
          default -> 1.0;
        };
    boolean holidays = date.getMonthValue() == 12 && date.getDayOfMonth() >= 23;
    double exact = perWeekday * weekday * (holidays ? 0.3 : 1.0) * (0.75 + 0.5 * r.nextDouble());
    int n = (int) exact + (r.nextDouble() < exact - Math.floor(exact) ? 1 : 0);
    long[] packed = new long[n];
    for (int j = 0; j < n; j++) {
      packed[j] = draw(r, weekend);
    }
    Arrays.sort(packed);
    if (quiet && DemoPatterns.silent(seed, epochDay)) {
      packed = Arrays.stream(packed).filter(p -> !DemoPatterns.silentTime(p >>> 2)).toArray();
      n = packed.length;
    }
    long dayStart = epochDay * DAY_MICROS;
    long[] micros = new long[n];
    byte[] kinds = new byte[n];
    int happened = 0;
    for (int j = 0; j < n; j++) {
      long raw = dayStart + (packed[j] >>> 2);
      long t = roundUp(j == 0 ? raw : Math.max(raw, micros[j - 1]), digits((epochDay << 24) | j));
      if (t > endMicros) {
        break;
      }
      micros[j] = t;
      kinds[j] = (byte) (packed[j] & 3);
      happened++;
    }
    return happened == n
        ? new Day(epochDay, micros, kinds)
        : new Day(epochDay, Arrays.copyOf(micros, happened), Arrays.copyOf(kinds, happened));
  }

  /**
   * Whether {@code micros} falls in the demo's working hours: Monday to Friday, 08:00–19:00 UTC.
   */
  static boolean workingHours(long micros) {
    long day = Math.floorDiv(micros, DAY_MICROS);
    long hour = Math.floorMod(micros, DAY_MICROS) / 3_600_000_000L;
    int weekday = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday: 0 = Monday
    return weekday < 5 && hour >= 8 && hour < 19;
  }

  /** One event of a day: its kind and time of day, packed as {@code microsOfDay << 2 | kind}. */
  private static long draw(SplittableRandom r, boolean weekend) {
    double p = r.nextDouble();
    byte kind;
    double seconds;
    if (p < (weekend ? 0.01 : 0.07)) {
      kind = AUTOSTART;
      seconds = 6 * 3600 + 50 * 60 + r.nextDouble() * 25 * 60;
    } else if (p < (weekend ? 0.03 : 0.13)) {
      kind = AUTOSTOP;
      seconds = 18 * 3600 + r.nextDouble() * 150 * 60;
    } else {
      kind = HUMAN;
      seconds =
          r.nextDouble() < 0.88
              ? 8 * 3600 + (r.nextDouble() + r.nextDouble()) * 5.25 * 3600
              : r.nextDouble() * 86_400;
    }
    // At least a second before midnight, so rounding up never carries it into the next day.
    long offset =
        ((long) (seconds * 1_000_000L) + r.nextLong(1_000_000L)) % (DAY_MICROS - 1_000_000L);
    return (offset << 2) | kind;
  }

  /**
   * How many fractional digits the time of the event with this key has (0–9); most have 6, as
   * Postgres.
   */
  private int digits(long key) {
    int v = (int) ((mix(seed ^ 0xABCDL, key) >>> 33) % 100);
    if (v < 60) {
      return 6;
    }
    if (v < 70) {
      return 9;
    }
    if (v < 80) {
      return 3;
    }
    if (v < 85) {
      return 0;
    }
    return RARE_DIGITS[v % 6];
  }

  /**
   * Rounds up to what {@code digits} fractional digits can show. Rounding up (not down) after
   * taking the maximum with the previous event keeps the history in order.
   */
  private static long roundUp(long micros, int digits) {
    if (digits >= 6) {
      return micros;
    }
    long unit = (long) Math.pow(10, 6 - digits);
    return Math.floorDiv(micros + unit - 1, unit) * unit;
  }

  private SplittableRandom rng(long i) {
    return new SplittableRandom(mix(seed, i));
  }

  private static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ------------------------------------------------------------------------------- one event

  /** Regenerates event {@code i} (same seed and index, same event). */
  DemoEvent event(int i) {
    Times t = times;
    long key = key(i);
    SplittableRandom r = rng(key);
    DemoEvent e = new DemoEvent();
    e.id = DemoCatalog.uuid(r);
    e.requestId = DemoCatalog.uuid(r);
    e.micros = t.micros()[i];
    e.fractionDigits = digits(key);
    int offsetRoll = r.nextInt(1000);
    e.offsetMinutes = offsetRoll < 3 ? 330 : offsetRoll < 5 ? -420 : offsetRoll < 6 ? 60 : 0;
    boolean old = e.micros < oldCutoffMicros;
    e.unknownExtra = r.nextInt(1000) < 4 ? 1 + r.nextInt(2) : 0;
    activity.fill(e, r, t.kinds()[i], old);
    if (e.orgStyle == OrgStyle.OBJECT && e.micros < orgIdOnlyCutoffMicros) {
      e.orgStyle = OrgStyle.ID_ONLY;
    }
    e.additionalFieldsAsString = old && e.buildNumber > 0 && r.nextInt(100) == 0;
    return e;
  }
}
