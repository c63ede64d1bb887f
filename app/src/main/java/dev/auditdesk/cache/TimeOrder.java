package dev.auditdesk.cache;

/**
 * Every row newest first (ties by id, then row, all descending): Coder's own order, made total.
 * Kept between snapshots so a sync that appends rows only merges its new rows into the last order
 * instead of sorting a million rows again. The order array has room beyond its rows: a full sync
 * walks from the newest day to the oldest, so new rows usually all sort after the old ones and are
 * written into that room, where no reader of an older snapshot looks (each reads only its first
 * {@code n} positions). Only rows from where the newest new row goes are compared and moved.
 */
final class TimeOrder {

  private final Object lock = new Object();
  private int[] sorted = new int[0];
  private int sortedN;

  /** Takes the order of rows {@code 0..order.length-1} saved in the index file. */
  void seed(int[] order) {
    synchronized (lock) {
      sorted = order;
      sortedN = order.length;
    }
  }

  /** Snapshots before this generation may hold a row's old time: their order is not kept. */
  private long validFrom;

  /**
   * Drops the kept order after a row's time changed (the snapshot of {@code generation} is the
   * first with the new time): merging new rows into it would leave that row where it was.
   */
  void forget(long generation) {
    synchronized (lock) {
      sorted = new int[0];
      sortedN = 0;
      validFrom = generation;
    }
  }

  /**
   * The time order of {@code s}; {@code latest} says whether {@code s} is the newest snapshot (only
   * its order is worth keeping for the next merge).
   */
  int[] of(Snapshot s, boolean latest) {
    synchronized (lock) {
      int[] result;
      if (s.generation < validFrom) {
        return sortedFromScratch(s);
      }
      if (s.resort || sortedN > s.n) {
        result = sortedFromScratch(s);
        if (s.resort || latest) {
          sorted = result;
          sortedN = s.n;
        }
        return result;
      }
      int fresh = s.n - sortedN;
      if (fresh == 0) {
        return sorted;
      }
      int[] added = new int[fresh];
      for (int i = 0; i < fresh; i++) {
        added[i] = sortedN + i;
      }
      mergeSort(added, s.time, s.idKey);
      int[] old = sorted;
      int on = sortedN;
      int p = firstAfter(old, on, added[0], s.time, s.idKey);
      if (p == on && old.length >= s.n) {
        // Older than every row held: appended where no snapshot's reader looks.
        System.arraycopy(added, 0, old, on, fresh);
        sortedN = s.n;
        return old;
      }
      result = new int[withRoom(s.n)];
      System.arraycopy(old, 0, result, 0, p);
      int i = p;
      int j = 0;
      int k = p;
      while (i < on && j < fresh) {
        result[k++] = before(s.time, s.idKey, added[j], old[i]) ? added[j++] : old[i++];
      }
      System.arraycopy(old, i, result, k, on - i);
      k += on - i;
      System.arraycopy(added, j, result, k, fresh - j);
      sorted = result;
      sortedN = s.n;
      return result;
    }
  }

  private static int[] sortedFromScratch(Snapshot s) {
    int[] result = new int[s.n];
    for (int i = 0; i < s.n; i++) {
      result[i] = i;
    }
    mergeSort(result, s.time, s.idKey);
    return result;
  }

  /** An order's length for {@code n} rows: an eighth more, so the next appends need no copy. */
  private static int withRoom(int n) {
    return (int) Math.min(Integer.MAX_VALUE - 8, n + (long) n / 8 + 1024);
  }

  /** The first of {@code order[0..n-1]} that {@code row} sorts before ({@code n}: none). */
  private static int firstAfter(int[] order, int n, int row, LongColumn time, LongColumn idKey) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (before(time, idKey, row, order[mid])) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Newest first, ties by id then row, all descending. */
  private static boolean before(LongColumn time, LongColumn idKey, int a, int b) {
    long ta = time.get(a);
    long tb = time.get(b);
    if (ta != tb) {
      return ta > tb;
    }
    int c = Long.compareUnsigned(idKey.get(a), idKey.get(b));
    if (c != 0) {
      return c > 0;
    }
    return a > b;
  }

  /** Puts {@code rows} in this order (newest first, ties by id then row, all descending). */
  static void sort(int[] rows, LongColumn time, LongColumn idKey) {
    mergeSort(rows, time, idKey);
  }

  private static void mergeSort(int[] a, LongColumn time, LongColumn idKey) {
    if (a.length < 2) {
      return;
    }
    int[] tmp = new int[a.length];
    mergeSort(a, tmp, 0, a.length, time, idKey);
  }

  private static void mergeSort(
      int[] a, int[] tmp, int lo, int hi, LongColumn time, LongColumn idKey) {
    if (hi - lo < 24) {
      for (int i = lo + 1; i < hi; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= lo && before(time, idKey, v, a[j])) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid, time, idKey);
    mergeSort(a, tmp, mid, hi, time, idKey);
    if (!before(time, idKey, a[mid], a[mid - 1])) {
      return; // already in order: synced rows mostly arrive newest first
    }
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (i < mid && (j >= hi || !before(time, idKey, tmp[j], tmp[i]))) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
