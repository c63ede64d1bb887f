package dev.auditdesk.cache;

import dev.auditdesk.model.FacetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a facet's values in the order every facet list has: most events first, then by value. A
 * column of millions of distinct values (targets, addresses) is not sorted per query: its codes are
 * kept in value order ({@link Dictionary#byValue}), and a stable counting sort by count of that
 * order gives the list in two passes (two million targets: tens of milliseconds, not a second).
 */
final class FacetOrder {

  static final Comparator<FacetValue> BY_COUNT =
      (a, b) ->
          a.count() != b.count()
              ? Long.compare(b.count(), a.count())
              : a.value().compareTo(b.value());

  /** Counts below this are bucketed; the few values above it are sorted the ordinary way. */
  private static final int BUCKETS = 4_096;

  private FacetOrder() {}

  /**
   * The values with a count, in order, then the chosen values without one (count 0, by value):
   * {@code counts[code]} events have the value of {@code code} in {@code dict}.
   */
  static List<FacetValue> byCount(Dictionary dict, int[] counts, Iterable<String> chosen) {
    int[] byValue = dict.byValue(counts.length);
    int[] inBucket = new int[BUCKETS];
    int large = 0;
    int distinct = 0;
    for (int code : byValue) {
      int c = counts[code];
      if (c > 0) {
        distinct++;
        if (c < BUCKETS) {
          inBucket[c]++;
        } else {
          large++;
        }
      }
    }
    int[] big = new int[large];
    int[] at = new int[BUCKETS];
    int next = large;
    for (int c = BUCKETS - 1; c > 0; c--) {
      at[c] = next;
      next += inBucket[c];
    }
    FacetValue[] out = new FacetValue[distinct];
    int b = 0;
    for (int code : byValue) {
      int c = counts[code];
      if (c >= BUCKETS) {
        big[b++] = code;
      } else if (c > 0) {
        out[at[c]++] = new FacetValue(dict.value(code), c);
      }
    }
    FacetValue[] top = new FacetValue[large];
    for (int i = 0; i < large; i++) {
      top[i] = new FacetValue(dict.value(big[i]), counts[big[i]]);
    }
    Arrays.sort(top, BY_COUNT);
    System.arraycopy(top, 0, out, 0, large);
    List<FacetValue> list = new ArrayList<>(distinct + 4);
    list.addAll(Arrays.asList(out));
    List<FacetValue> none = new ArrayList<>();
    for (String s : chosen) {
      int code = dict.find(s);
      if (code < 0 || code >= counts.length || counts[code] == 0) {
        none.add(new FacetValue(s, 0));
      }
    }
    none.sort(BY_COUNT);
    list.addAll(none);
    return list;
  }
}
