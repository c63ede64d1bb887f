package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The newest-first order a sync's counts walk, kept up to date as rows arrive in any order. */
class TimeOrderTest {

  private final ColumnIndex index = new ColumnIndex();
  private final Random random = new Random(14);
  private long[] times = new long[0];
  private long[] keys = new long[0];

  @Test
  void aSyncWalkingBackInTimeAppendsAndOlderSnapshotsKeepTheirOrder() {
    long day = 86_400_000_000L;
    Snapshot first = null;
    int[] firstOrder = null;
    for (int d = 0; d < 40; d++) {
      // Each day older than the last, a few ties at the day's edge with the day before.
      append(80, 1_000 * day - (d + 1) * day, day + 1);
      Snapshot s = index.snapshot();
      assertArrayEquals(expected(s.n), prefix(s.byTime(), s.n), "day " + d);
      if (d == 3) {
        first = s;
        firstOrder = prefix(s.byTime(), s.n);
      }
    }
    assertArrayEquals(firstOrder, prefix(first.byTime(), first.n), "an older reader's order");
  }

  @Test
  void newerOverlappingAndTiedRowsMergeIntoTheRightPlaces() {
    for (int round = 0; round < 60; round++) {
      switch (round % 4) {
        case 0 -> append(50, 5_000_000L + round * 1_000L, 1_000); // newer than all
        case 1 -> append(50, random.nextInt(5_000_000), 5_000_000); // anywhere
        case 2 -> append(30, -round * 1_000L, 10); // older than all, many ties
        default -> append(1, 2_500_000, 1); // one row in the middle
      }
      Snapshot s = index.snapshot();
      assertArrayEquals(expected(s.n), prefix(s.byTime(), s.n), "round " + round);
    }
  }

  @Test
  void aRowWhoseTimeChangedIsSortedAgainEvenIfNoOneAskedInBetween() {
    append(200, 0, 1_000_000);
    index.snapshot().byTime();
    // A changed event moves to the newest place; another page arrives before any count.
    update(17, 10_000_000);
    append(20, 0, 1_000_000);
    Snapshot s = index.snapshot();
    assertArrayEquals(expected(s.n), prefix(s.byTime(), s.n));
  }

  private void append(int n, long newest, long spread) {
    int base = index.size();
    times = Arrays.copyOf(times, base + n);
    keys = Arrays.copyOf(keys, base + n);
    for (int i = 0; i < n; i++) {
      long t = newest - (long) (random.nextDouble() * spread);
      long key = random.nextInt(4); // few keys: ties on time and id key too
      times[base + i] = t;
      keys[base + i] = key;
      index.append(row(t, key));
    }
    index.publish();
  }

  private void update(int row, long time) {
    times[row] = time;
    index.update(row, row(time, keys[row]));
    index.publish();
  }

  private static ColumnIndex.Row row(long time, long key) {
    return new ColumnIndex.Row(time, key, key, 0, 0, 200, new int[IndexedColumn.COUNT]);
  }

  /** Newest first, then id key, then row, all descending: sorted from scratch. */
  private int[] expected(int n) {
    Comparator<Integer> newestFirst =
        Comparator.<Integer>comparingLong(r -> times[r])
            .thenComparing((a, b) -> Long.compareUnsigned(keys[a], keys[b]))
            .thenComparingInt(r -> r)
            .reversed();
    return IntStream.range(0, n).boxed().sorted(newestFirst).mapToInt(i -> i).toArray();
  }

  private static int[] prefix(int[] order, int n) {
    return Arrays.copyOf(order, n);
  }
}
