package dev.auditdesk.demo;

/**
 * Behaviours of a real Coder deployment that make a naive sync incomplete, each a knob of the demo
 * deployment (docs/SYNC.md tells what each one breaks). {@link #REAL} is how the built-in demo
 * behaves by default: like PostgreSQL under Coder, with the measured OFFSET cost, but no planted
 * traps.
 *
 * @param shuffleTies equal times come back in a new order on every request, as PostgreSQL may
 *     return them for a different LIMIT/OFFSET
 * @param burst events written on one single timestamp by a bulk operation (0 = none)
 * @param futureEvents events stamped two days after the end of the history, as from a replica whose
 *     clock runs ahead
 * @param seamEvents events stamped in the last half second of a UTC day (23:59:59.5), which no
 *     single-day {@code date_from:D date_to:D} window contains
 * @param lateEvents events written late with a time {@code lateAgeDays} before the end of the
 *     history, invisible until audit request {@code lateAfterRequest}
 * @param lateAgeDays how old the late events' times are
 * @param lateAfterRequest the audit request (1-based) from which the late events are listed
 * @param offsetCostNanos server time per row skipped by OFFSET (PostgreSQL 15 on 1M rows: ~400 ns)
 * @param ignoreDateKeys the server ignores {@code date_from}/{@code date_to}, as Coder releases
 *     before they existed did
 */
public record DemoQuirks(
    boolean shuffleTies,
    int burst,
    int futureEvents,
    int seamEvents,
    int lateEvents,
    int lateAgeDays,
    int lateAfterRequest,
    long offsetCostNanos,
    boolean ignoreDateKeys) {

  public static final long MEASURED_OFFSET_COST_NANOS = 400;

  public static final DemoQuirks REAL =
      new DemoQuirks(true, 0, 0, 0, 0, 0, 0, MEASURED_OFFSET_COST_NANOS, false);

  /** No quirks at all: stable tie order and free OFFSET (unit tests of other layers). */
  public static final DemoQuirks NONE = new DemoQuirks(false, 0, 0, 0, 0, 0, 0, 0, false);

  public DemoQuirks {
    if (burst < 0 || futureEvents < 0 || seamEvents < 0 || lateEvents < 0 || lateAgeDays < 0) {
      throw new IllegalArgumentException("Quirk sizes cannot be negative.");
    }
    if (offsetCostNanos < 0) {
      throw new IllegalArgumentException("The OFFSET cost cannot be negative.");
    }
  }

  public DemoQuirks withShuffledTies(boolean on) {
    return with(b -> b.shuffleTies = on);
  }

  public DemoQuirks withBurst(int events) {
    return with(b -> b.burst = events);
  }

  public DemoQuirks withFutureEvents(int events) {
    return with(b -> b.futureEvents = events);
  }

  public DemoQuirks withSeamEvents(int events) {
    return with(b -> b.seamEvents = events);
  }

  /** {@code events} written {@code ageDays} in the past, listed from audit request {@code from}. */
  public DemoQuirks withLateEvents(int events, int ageDays, int from) {
    return with(
        b -> {
          b.lateEvents = events;
          b.lateAgeDays = ageDays;
          b.lateAfterRequest = from;
        });
  }

  public DemoQuirks withOffsetCostNanos(long nanos) {
    return with(b -> b.offsetCostNanos = nanos);
  }

  public DemoQuirks withIgnoredDateKeys(boolean on) {
    return with(b -> b.ignoreDateKeys = on);
  }

  /** A copy with the values {@code change} sets. */
  private DemoQuirks with(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new DemoQuirks(
        c.shuffleTies,
        c.burst,
        c.futureEvents,
        c.seamEvents,
        c.lateEvents,
        c.lateAgeDays,
        c.lateAfterRequest,
        c.offsetCostNanos,
        c.ignoreDateKeys);
  }

  /** These quirks' values, to change a few before building new ones. */
  private static final class Copy {
    boolean shuffleTies;
    int burst;
    int futureEvents;
    int seamEvents;
    int lateEvents;
    int lateAgeDays;
    int lateAfterRequest;
    long offsetCostNanos;
    boolean ignoreDateKeys;

    Copy(DemoQuirks q) {
      shuffleTies = q.shuffleTies;
      burst = q.burst;
      futureEvents = q.futureEvents;
      seamEvents = q.seamEvents;
      lateEvents = q.lateEvents;
      lateAgeDays = q.lateAgeDays;
      lateAfterRequest = q.lateAfterRequest;
      offsetCostNanos = q.offsetCostNanos;
      ignoreDateKeys = q.ignoreDateKeys;
    }
  }

  /** The number of events the quirks add to the generated history once all are visible. */
  int extraEvents() {
    return burst + futureEvents + seamEvents + lateEvents;
  }
}
