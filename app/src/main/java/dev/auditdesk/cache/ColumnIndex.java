package dev.auditdesk.cache;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compact in-memory column store beside H2: one dictionary-encoded int per row for each column
 * the UI filters or sorts on, plus time. Row {@code r} is the event with {@code rk = r} in H2. H2's
 * planner is slow for filtered newest-first pages and OFFSET (docs/CACHE.md); scanning these arrays
 * answers counts, facets, histograms and page positions for a million rows in milliseconds, and
 * only the rows of a page are then read from H2.
 *
 * <p>One writer at a time ({@link #append}/{@link #update} are called under the cache's write
 * lock); readers work on an immutable {@link Snapshot}.
 */
final class ColumnIndex {

  static final int ACTION = 0;
  static final int TYPE = 1;
  static final int TARGET = 2;
  static final int ACTOR = 3;
  static final int ORG = 4;
  static final int IP = 5;
  static final int REASON = 6;
  static final int DESCRIPTION = 7;
  static final int COLUMNS = 8;

  /**
   * The {@code kind} of each column's strings in H2's {@code dict} table. Kind 7 held resource ids
   * up to cache format 3; they are one per build, so they are now kept as 64-bit hashes ({@code
   * resourceKey}) instead of a dictionary that held a string for nearly every event.
   */
  static final int[] DICT_KIND = {0, 1, 2, 3, 4, 5, 6, 8};

  /** Separates the parts of an actor or organization key; never typed by a person. */
  static final char SEP = '\u0001';

  final Dictionary[] dicts = new Dictionary[COLUMNS];

  private long[] time = new long[1024];
  private long[] idKey = new long[1024];
  private long[] idHash = new long[1024];
  private long[] requestKey = new long[1024];
  private long[] resourceKey = new long[1024];
  private int[] status = new int[1024];
  private final int[][] cols = new int[COLUMNS][1024];
  private int n;
  private long generation;
  private boolean timesChanged;

  private volatile Snapshot current;

  private final Object sortLock = new Object();
  private int[] sorted = new int[0];
  private int sortedN;

  ColumnIndex() {
    for (int c = 0; c < COLUMNS; c++) {
      dicts[c] = new Dictionary();
    }
    publish();
  }

  /** One row's values, already dictionary-encoded. */
  record Row(
      long time,
      long idKey,
      long idHash,
      long requestKey,
      long resourceKey,
      int status,
      int[] codes) {}

  int size() {
    return n;
  }

  Snapshot snapshot() {
    return current;
  }

  /** Appends a row; its row number is returned and equals its rk in H2. */
  int append(Row r) {
    if (n == time.length) {
      int cap = n * 2;
      time = Arrays.copyOf(time, cap);
      idKey = Arrays.copyOf(idKey, cap);
      idHash = Arrays.copyOf(idHash, cap);
      requestKey = Arrays.copyOf(requestKey, cap);
      resourceKey = Arrays.copyOf(resourceKey, cap);
      status = Arrays.copyOf(status, cap);
      for (int c = 0; c < COLUMNS; c++) {
        cols[c] = Arrays.copyOf(cols[c], cap);
      }
    }
    set(n, r);
    return n++;
  }

  /** Takes rows {@code 0..c.n-1} saved in an index file; only on an empty index (at open). */
  void load(IndexFile.Columns c) {
    if (n != 0) {
      throw new IllegalStateException("the index already holds rows");
    }
    time = c.time();
    idKey = c.idKey();
    idHash = c.idHash();
    requestKey = c.requestKey();
    resourceKey = c.resourceKey();
    status = c.status();
    for (int i = 0; i < COLUMNS; i++) {
      cols[i] = c.codes()[i];
    }
    n = c.n();
  }

  /** Replaces the values of an existing row (the server sent a changed event). */
  void update(int row, Row r) {
    if (time[row] != r.time()) {
      timesChanged = true;
    }
    set(row, r);
  }

  private void set(int row, Row r) {
    time[row] = r.time();
    idKey[row] = r.idKey();
    idHash[row] = r.idHash();
    requestKey[row] = r.requestKey();
    resourceKey[row] = r.resourceKey();
    status[row] = r.status();
    for (int c = 0; c < COLUMNS; c++) {
      cols[c][row] = r.codes()[c];
    }
  }

  /** Makes everything appended or updated so far visible to readers. */
  void publish() {
    int[][] c = new int[COLUMNS][];
    for (int i = 0; i < COLUMNS; i++) {
      c[i] = cols[i];
    }
    boolean resort = timesChanged;
    timesChanged = false;
    current =
        new Snapshot(
            n, ++generation, time, idKey, idHash, requestKey, resourceKey, status, c, resort);
  }

  /** Newest first, ties by id then row, all descending: Coder's own order, made total. */
  private static boolean before(long[] time, long[] idKey, int a, int b) {
    long ta = time[a];
    long tb = time[b];
    if (ta != tb) {
      return ta > tb;
    }
    int c = Long.compareUnsigned(idKey[a], idKey[b]);
    if (c != 0) {
      return c > 0;
    }
    return a > b;
  }

  private int[] byTime(Snapshot s) {
    synchronized (sortLock) {
      int[] result;
      if (s.resort || sortedN > s.n) {
        result = new int[s.n];
        for (int i = 0; i < s.n; i++) {
          result[i] = i;
        }
        mergeSort(result, s.time, s.idKey);
        if (s.resort || s.generation == current.generation) {
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

  private static void mergeSort(int[] a, long[] time, long[] idKey) {
    if (a.length < 2) {
      return;
    }
    int[] tmp = new int[a.length];
    mergeSort(a, tmp, 0, a.length, time, idKey);
  }

  private static void mergeSort(int[] a, int[] tmp, int lo, int hi, long[] time, long[] idKey) {
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

  /** An immutable view of the first {@code n} rows; all queries run against one. */
  final class Snapshot {
    final int n;
    final long generation;
    final long[] time;
    final long[] idKey;
    final long[] idHash;
    final long[] requestKey;
    final long[] resourceKey;
    final int[] status;
    final int[][] cols;
    final boolean resort;
    private volatile int[] byTime;
    private final Map<SortOrder, int[]> orders = new HashMap<>();
    private final Map<Object, int[]> matches =
        new LinkedHashMap<>(8, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, int[]> e) {
            return size() > 4;
          }
        };

    Snapshot(
        int n,
        long generation,
        long[] time,
        long[] idKey,
        long[] idHash,
        long[] requestKey,
        long[] resourceKey,
        int[] status,
        int[][] cols,
        boolean resort) {
      this.n = n;
      this.generation = generation;
      this.time = time;
      this.idKey = idKey;
      this.idHash = idHash;
      this.requestKey = requestKey;
      this.resourceKey = resourceKey;
      this.status = status;
      this.cols = cols;
      this.resort = resort;
    }

    int[] byTime() {
      int[] b = byTime;
      if (b == null) {
        b = ColumnIndex.this.byTime(this);
        byTime = b;
      }
      return b;
    }

    /** Row numbers of every row in {@code order} (shared; do not modify). */
    int[] ordered(SortOrder order) {
      if (order.column() == SortColumn.TIME && !order.ascending()) {
        return byTime();
      }
      synchronized (orders) {
        int[] o = orders.get(order);
        if (o == null) {
          o = buildOrder(order);
          orders.put(order, o);
        }
        return o;
      }
    }

    private int[] buildOrder(SortOrder order) {
      int[] bt = byTime();
      if (order.column() == SortColumn.TIME) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
          r[i] = bt[n - 1 - i];
        }
        return r;
      }
      int[] key = new int[n];
      int buckets;
      if (order.column() == SortColumn.STATUS) {
        int max = 0;
        for (int i = 0; i < n; i++) {
          max = Math.max(max, status[i]);
        }
        buckets = max + 1;
        for (int i = 0; i < n; i++) {
          key[i] = Math.max(0, status[i]);
        }
      } else {
        int col = column(order.column());
        int[] rank = dicts[col].ranks();
        buckets = rank.length;
        int[] codes = cols[col];
        for (int i = 0; i < n; i++) {
          key[i] = rank[codes[i]];
        }
      }
      // Stable counting sort over the time order keeps ties newest first.
      int[] start = new int[buckets + 1];
      for (int i = 0; i < n; i++) {
        start[(order.ascending() ? key[i] : buckets - 1 - key[i]) + 1]++;
      }
      for (int b = 0; b < buckets; b++) {
        start[b + 1] += start[b];
      }
      int[] r = new int[n];
      for (int i = 0; i < n; i++) {
        int row = bt[i];
        int b = order.ascending() ? key[row] : buckets - 1 - key[row];
        r[start[b]++] = row;
      }
      return r;
    }

    Filter filter(AuditQuery q) {
      return new Filter(this, q);
    }

    long count(AuditQuery q) {
      Filter f = filter(q);
      if (f.none) {
        return 0;
      }
      if (f.all) {
        return f.timeHi - f.timeLo;
      }
      long count = 0;
      if (f.useTimeSlice()) {
        int[] bt = byTime();
        for (int i = f.timeLo; i < f.timeHi; i++) {
          if (f.test(bt[i])) {
            count++;
          }
        }
      } else {
        for (int r = 0; r < n; r++) {
          if (f.testWithTime(r)) {
            count++;
          }
        }
      }
      return count;
    }

    /** Row numbers at positions {@code [offset, offset+limit)} of the matching rows in order. */
    int[] positions(AuditQuery q, SortOrder order, long offset, int limit) {
      if (offset < 0 || limit <= 0 || offset >= n) {
        return new int[0];
      }
      Object key = List.of(q, order);
      int[] all;
      synchronized (matches) {
        all = matches.get(key);
      }
      Filter f = filter(q);
      if (all == null && offset + limit <= 5_000) {
        return firstMatches(f, order, (int) offset, limit);
      }
      if (all == null) {
        all = allMatches(f, order);
        synchronized (matches) {
          matches.put(key, all);
        }
      }
      if (offset >= all.length) {
        return new int[0];
      }
      int end = (int) Math.min(all.length, offset + limit);
      return Arrays.copyOfRange(all, (int) offset, end);
    }

    private int[] firstMatches(Filter f, SortOrder order, int offset, int limit) {
      if (f.none) {
        return new int[0];
      }
      int[] out = new int[limit];
      int k = 0;
      int skipped = 0;
      boolean timeOrder = order.column() == SortColumn.TIME;
      int[] o = ordered(order);
      int from = timeOrder && !order.ascending() ? f.timeLo : 0;
      int to = timeOrder && !order.ascending() ? f.timeHi : n;
      for (int i = from; i < to && k < limit; i++) {
        int r = o[i];
        if (f.testWithTime(r)) {
          if (skipped < offset) {
            skipped++;
          } else {
            out[k++] = r;
          }
        }
      }
      return k == limit ? out : Arrays.copyOf(out, k);
    }

    int[] allMatches(Filter f, SortOrder order) {
      if (f.none) {
        return new int[0];
      }
      int[] o = ordered(order);
      boolean newest = order.column() == SortColumn.TIME && !order.ascending();
      int from = newest ? f.timeLo : 0;
      int to = newest ? f.timeHi : n;
      if (f.all && newest) {
        return Arrays.copyOfRange(o, from, to);
      }
      int[] out = new int[Math.max(0, to - from)];
      int k = 0;
      for (int i = from; i < to; i++) {
        int r = o[i];
        if (f.testWithTime(r)) {
          out[k++] = r;
        }
      }
      return Arrays.copyOf(out, k);
    }

    List<FacetValue> facetValues(Facet facet, AuditQuery q) {
      Filter f = filter(q.without(facet));
      int col = column(facet);
      int dictSize = dicts[col].size();
      long[] counts = new long[dictSize];
      int[] codes = cols[col];
      if (!f.none) {
        if (f.useTimeSlice() || f.all) {
          int[] bt = byTime();
          for (int i = f.timeLo; i < f.timeHi; i++) {
            int r = bt[i];
            if (f.all || f.test(r)) {
              counts[codes[r]]++;
            }
          }
        } else {
          for (int r = 0; r < n; r++) {
            if (f.testWithTime(r)) {
              counts[codes[r]]++;
            }
          }
        }
      }
      Map<String, Long> byValue = new HashMap<>();
      for (int c = 0; c < dictSize; c++) {
        if (counts[c] > 0) {
          byValue.merge(facetLabel(col, c), counts[c], Long::sum);
        }
      }
      for (String chosen : q.values(facet)) {
        byValue.putIfAbsent(chosen, 0L);
      }
      List<FacetValue> out = new ArrayList<>(byValue.size());
      byValue.forEach((v, c) -> out.add(new FacetValue(v, c)));
      out.sort(
          (a, b) ->
              a.count() != b.count()
                  ? Long.compare(b.count(), a.count())
                  : a.value().compareTo(b.value()));
      return out;
    }

    Histogram histogram(AuditQuery q, Duration bucket) {
      long width = Math.max(1, bucket.toNanos() / 1_000);
      Filter f = filter(q);
      if (f.none || f.timeHi <= f.timeLo) {
        return new Histogram(bucket, List.of());
      }
      int[] bt = byTime();
      long newest = time[bt[f.timeLo]];
      long oldest = time[bt[f.timeHi - 1]];
      long first = Math.floorDiv(oldest, width);
      long last = Math.floorDiv(newest, width);
      long nb = last - first + 1;
      if (nb > 2_000_000) {
        throw new IllegalArgumentException(
            "A histogram with " + nb + " bars is too fine; choose a longer bucket.");
      }
      long[] total = new long[(int) nb];
      long[] failed = new long[(int) nb];
      for (int i = f.timeLo; i < f.timeHi; i++) {
        int r = bt[i];
        if (f.all || f.test(r)) {
          int b = (int) (Math.floorDiv(time[r], width) - first);
          total[b]++;
          if (status[r] >= 400) {
            failed[b]++;
          }
        }
      }
      List<Histogram.Bucket> out = new ArrayList<>();
      for (int b = 0; b < nb; b++) {
        if (total[b] > 0 || !out.isEmpty()) {
          out.add(new Histogram.Bucket(micros((first + b) * width), total[b], failed[b]));
        }
      }
      while (!out.isEmpty() && out.get(out.size() - 1).total() == 0) {
        out.remove(out.size() - 1);
      }
      return new Histogram(bucket, out);
    }

    Instant newest() {
      return n == 0 ? Instant.EPOCH : micros(time[byTime()[0]]);
    }

    Instant oldest() {
      return n == 0 ? Instant.EPOCH : micros(time[byTime()[n - 1]]);
    }
  }

  /** The value a facet shows for a code: a username, an organization name, or the value. */
  String facetLabel(int col, int code) {
    String v = dicts[col].value(code);
    if (col == ACTOR) {
      return part(v, 0);
    }
    if (col == ORG) {
      String name = part(v, 0);
      return name.isEmpty() ? part(v, 2) : name;
    }
    return v;
  }

  static String part(String key, int index) {
    int start = 0;
    for (int i = 0; i < index; i++) {
      start = key.indexOf(SEP, start) + 1;
      if (start == 0) {
        return "";
      }
    }
    int end = key.indexOf(SEP, start);
    return end < 0 ? key.substring(start) : key.substring(start, end);
  }

  static int column(Facet f) {
    return switch (f) {
      case RESOURCE_TYPE -> TYPE;
      case ACTION -> ACTION;
      case RESOURCE_TARGET -> TARGET;
      case USER -> ACTOR;
      case ORGANIZATION -> ORG;
    };
  }

  static int column(SortColumn c) {
    return switch (c) {
      case USER -> ACTOR;
      case ACTION -> ACTION;
      case RESOURCE_TYPE -> TYPE;
      case RESOURCE_TARGET -> TARGET;
      case IP -> IP;
      case ORGANIZATION -> ORG;
      case TIME, STATUS -> throw new IllegalArgumentException(c + " is not a dictionary column");
    };
  }

  static long toMicros(Instant t) {
    if (t == null) {
      return 0;
    }
    if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000 - 1) {
      return Long.MAX_VALUE;
    }
    if (t.getEpochSecond() <= Long.MIN_VALUE / 1_000_000 + 1) {
      return Long.MIN_VALUE;
    }
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }

  static Instant micros(long us) {
    return Instant.ofEpochSecond(
        Math.floorDiv(us, 1_000_000), Math.floorMod(us, 1_000_000) * 1_000);
  }

  /** A compiled {@link AuditQuery}: per column, which codes pass ({@code null} = any). */
  final class Filter {
    final boolean[][] allowed = new boolean[COLUMNS][];
    final boolean[][][] textTerms;
    final long fromUs;
    final long toUs;
    final boolean hasRange;
    final boolean hasRequest;
    final boolean hasResource;
    final long resource;
    final long request;
    final Snapshot s;
    int timeLo;
    int timeHi;
    boolean none;
    boolean all;

    Filter(Snapshot s, AuditQuery q) {
      this.s = s;
      allowed[TYPE] = exact(TYPE, q.resourceTypes());
      allowed[ACTION] = exact(ACTION, q.actions());
      allowed[TARGET] = exact(TARGET, q.resourceTargets());
      allowed[REASON] = exact(REASON, q.buildReasons());
      boolean[] actors = null;
      if (!q.users().isEmpty()) {
        actors = parts(ACTOR, q.users(), false, 0, 2);
      }
      if (!q.emails().isEmpty()) {
        boolean[] byEmail = parts(ACTOR, lowerAll(q.emails()), true, 1);
        actors = and(actors, byEmail);
      }
      allowed[ACTOR] = actors;
      if (!q.organizations().isEmpty()) {
        allowed[ORG] = parts(ORG, q.organizations(), false, 0, 1, 2);
      }
      hasRequest = !q.requestId().isEmpty();
      request = hasRequest ? EventCodec.hash64(q.requestId()) : 0;
      hasResource = !q.resourceId().isEmpty();
      resource = hasResource ? EventCodec.hash64(q.resourceId()) : 0;
      DateRange range = q.range();
      hasRange = !range.isAll();
      fromUs = range.hasFrom() ? toMicros(range.from()) : Long.MIN_VALUE;
      toUs = range.hasTo() ? toMicros(range.to()) : Long.MAX_VALUE;
      String text = q.text().toLowerCase(Locale.ROOT);
      if (text.isBlank()) {
        textTerms = new boolean[0][][];
      } else {
        String[] terms = text.trim().split("\\s+");
        textTerms = new boolean[terms.length][][];
        int[] searched = {TARGET, ACTOR, DESCRIPTION, ACTION, TYPE};
        for (int t = 0; t < terms.length; t++) {
          textTerms[t] = new boolean[COLUMNS][];
          boolean anyHit = false;
          for (int col : searched) {
            boolean[] hit = dicts[col].containing(terms[t]);
            textTerms[t][col] = hit;
            for (boolean h : hit) {
              if (h) {
                anyHit = true;
                break;
              }
            }
          }
          if (!anyHit) {
            none = true;
          }
        }
      }
      for (boolean[] a : allowed) {
        if (a != null && !any(a)) {
          none = true;
        }
      }
      timeSlice();
      boolean noCodes = true;
      for (boolean[] a : allowed) {
        if (a != null) {
          noCodes = false;
        }
      }
      all = !none && noCodes && textTerms.length == 0 && !hasRequest && !hasResource;
    }

    private void timeSlice() {
      timeLo = 0;
      timeHi = s.n;
      if (!hasRange || s.n == 0) {
        return;
      }
      int[] bt = s.byTime();
      long[] t = s.time;
      // First position whose time is < toUs (times descend along bt).
      int lo = 0;
      int hi = s.n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (t[bt[mid]] >= toUs) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      timeLo = lo;
      hi = s.n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (t[bt[mid]] >= fromUs) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      timeHi = lo;
    }

    /** A narrow range is walked through the time order; a wide one by a sequential scan. */
    boolean useTimeSlice() {
      return hasRange && (timeHi - timeLo) < s.n / 3;
    }

    boolean testWithTime(int r) {
      if (hasRange) {
        long t = s.time[r];
        if (t < fromUs || t >= toUs) {
          return false;
        }
      }
      return all || test(r);
    }

    boolean test(int r) {
      int[][] c = s.cols;
      for (int col = 0; col < COLUMNS; col++) {
        boolean[] a = allowed[col];
        if (a != null) {
          int code = c[col][r];
          if (code >= a.length || !a[code]) {
            return false;
          }
        }
      }
      if (hasRequest && s.requestKey[r] != request) {
        return false;
      }
      if (hasResource && s.resourceKey[r] != resource) {
        return false;
      }
      for (boolean[][] term : textTerms) {
        boolean hit = false;
        for (int col = 0; col < COLUMNS && !hit; col++) {
          boolean[] h = term[col];
          if (h != null) {
            int code = c[col][r];
            hit = code < h.length && h[code];
          }
        }
        if (!hit) {
          return false;
        }
      }
      return true;
    }

    private boolean[] exact(int col, Set<String> values) {
      if (values.isEmpty()) {
        return null;
      }
      boolean[] a = new boolean[dicts[col].size()];
      for (String v : values) {
        int code = dicts[col].find(v);
        if (code >= 0 && code < a.length) {
          a[code] = true;
        }
      }
      return a;
    }

    /** Codes of composite keys (actor, organization) with one of the given parts in values. */
    private boolean[] parts(int col, Set<String> values, boolean lower, int... indexes) {
      Dictionary d = dicts[col];
      boolean[] a = new boolean[d.size()];
      for (int c = 0; c < a.length; c++) {
        String key = lower ? d.lower(c) : d.value(c);
        if (key == null) {
          continue;
        }
        for (int i : indexes) {
          if (values.contains(part(key, i))) {
            a[c] = true;
            break;
          }
        }
      }
      return a;
    }
  }

  private static Set<String> lowerAll(Set<String> s) {
    java.util.HashSet<String> out = new java.util.HashSet<>();
    for (String v : s) {
      out.add(v.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static boolean[] and(boolean[] a, boolean[] b) {
    if (a == null) {
      return b;
    }
    boolean[] r = new boolean[Math.min(a.length, b.length)];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] && b[i];
    }
    return r;
  }

  private static boolean any(boolean[] a) {
    for (boolean b : a) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
