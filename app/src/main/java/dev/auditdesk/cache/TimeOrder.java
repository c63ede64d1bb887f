package dev.auditdesk.cache;

/**
 * Every row newest first (ties by id, then row, all descending): Coder's own order, made total.
 * Kept between snapshots so a sync that appends rows only merges its new rows into the last order
 * instead of sorting a million rows again.
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

  /**
   * The time order of {@code s}; {@code latest} says whether {@code s} is the newest snapshot (only
   * its order is worth keeping for the next merge).
   */
  int[] of(Snapshot s, boolean latest) {
    synchronized (lock) {
      int[] result;
      if (s.resort || sortedN > s.n) {
        result = new int[s.n];
        for (int i = 0; i < s.n; i++) {
          result[i] = i;
        }
        mergeSort(result, s.time, s.idKey);
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
      result = new int[s.n];
      int i = 0;
      int j = 0;
      int k = 0;
      int[] old = sorted;
      int on = sortedN;
      while (i < on && j < fresh) {
        result[k++] = before(s.time, s.idKey, added[j], old[i]) ? added[j++] : old[i++];
      }
      while (i < on) {
        result[k++] = old[i++];
      }
      while (j < fresh) {
        result[k++] = added[j++];
      }
      sorted = result;
      sortedN = s.n;
      return result;
    }
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
