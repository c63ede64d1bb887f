package dev.auditdesk.cache;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.EventSummary;
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
import java.util.Map;

/**
 * An immutable view of the first {@code n} rows of the {@link ColumnIndex}, and the query executor:
 * every count, page, facet and histogram runs against one, with its query compiled to a {@link
 * CompiledQuery}. Orders and the matches of recent queries are kept for paging through them.
 */
final class Snapshot {
  final int n;
  final long generation;
  final LongColumn time;
  final LongColumn idKey;
  final LongColumn idHash;
  final LongColumn requestKey;
  final LongColumn resourceKey;
  final CodeColumn status;
  final CodeColumn[] cols;
  final boolean resort;
  private final ColumnIndex index;
  private volatile int[] byTime;
  // Each order is 4 bytes per row (40 MB at ten million): keep the two used last, not every one.
  private final Map<SortOrder, int[]> orders =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SortOrder, int[]> e) {
          return size() > 2;
        }
      };

  /** Newest rows tested before a first page decides its query is rare. */
  private static final int SPARSE_PROBE = 4_096;

  /** A rare query's matches are sorted when they are at most this share of the rows (1/n). */
  private static final int SPARSE_SHARE = 20;

  /** Pages ending at most this far down are found by walking the order, not by listing all. */
  private static final int FIRST_MATCHES = 5_000;

  /**
   * A query is rare when walking the time order to its page would visit more than this share of the
   * rows (1/n); then sorting its matches is cheaper.
   */
  private static final int WALK_SHARE = 8;

  /** The timeline's bars of every event, per bar width (the last few widths asked for). */
  private final Recent<Duration, Histogram> everyEvent = new Recent<>(3);

  /** Per column, how many rows have each code (filter lists with no other filter). */
  private final Map<IndexedColumn, int[]> everyRow = new java.util.EnumMap<>(IndexedColumn.class);

  private final Recent<AuditQuery, CompiledQuery> compiled = new Recent<>(8);

  /** The matches of the query counted last, in row order, when they were few (else null). */
  private volatile Counted lastCounted;

  private record Counted(AuditQuery query, int[] rows) {}

  private final Recent<Object, int[]> matches = new Recent<>(4);

  Snapshot(
      ColumnIndex index,
      int n,
      long generation,
      LongColumn time,
      LongColumn idKey,
      LongColumn idHash,
      LongColumn requestKey,
      LongColumn resourceKey,
      CodeColumn status,
      CodeColumn[] cols,
      boolean resort) {
    this.index = index;
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

  /** The dictionary code of row {@code row} in column {@code c}. */
  int code(IndexedColumn c, int row) {
    return cols[c.ordinal()].get(row);
  }

  /** The string of row {@code row} in column {@code c}. */
  String value(IndexedColumn c, int row) {
    return index.dict(c).value(code(c, row));
  }

  Dictionary dict(IndexedColumn c) {
    return index.dict(c);
  }

  int[] byTime() {
    int[] b = byTime;
    if (b == null) {
      b = index.timeOrder.of(this, index.isCurrent(this));
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
        max = Math.max(max, status.get(i));
      }
      buckets = max + 1;
      for (int i = 0; i < n; i++) {
        key[i] = Math.max(0, status.get(i));
      }
    } else {
      IndexedColumn col = IndexedColumn.of(order.column());
      int[] rank = index.dict(col).ranks();
      buckets = rank.length;
      CodeColumn codes = cols[col.ordinal()];
      for (int i = 0; i < n; i++) {
        key[i] = rank[codes.get(i)];
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

  /**
   * The query compiled against this snapshot. The last few are kept: the window counts a query,
   * then reads its first page, then its filter lists, and a free-text term is looked up in five
   * dictionaries each time it is compiled.
   */
  CompiledQuery compile(AuditQuery q) {
    return compiled.get(q, key -> new CompiledQuery(this, key));
  }

  long count(AuditQuery q) {
    CompiledQuery f = compile(q);
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
      // The scan that counts also keeps the matches while they are few: a rare query's first page
      // then sorts these instead of scanning the columns again (the window counts, then pages).
      // More matches than this never make a first page rare (see firstMatches).
      Scan scan = scan(f, Math.min(n / SPARSE_SHARE, WALK_SHARE * FIRST_MATCHES), true);
      count = scan.count();
      lastCounted = scan.rows() == null ? null : new Counted(q, scan.rows());
    }
    return count;
  }

  /** Row numbers at positions {@code [offset, offset+limit)} of the matching rows in order. */
  int[] positions(AuditQuery q, SortOrder order, long offset, int limit) {
    if (offset < 0 || limit <= 0 || offset >= n) {
      return new int[0];
    }
    Object key = List.of(q, order);
    int[] all = matches.get(key);
    CompiledQuery f = compile(q);
    if (all == null && offset + limit <= FIRST_MATCHES) {
      Counted c = lastCounted;
      return firstMatches(
          f, c != null && c.query().equals(q) ? c.rows() : null, order, (int) offset, limit);
    }
    if (all == null) {
      all = allMatches(f, order);
      matches.put(key, all);
    }
    if (offset >= all.length) {
      return new int[0];
    }
    int end = (int) Math.min(all.length, offset + limit);
    return Arrays.copyOfRange(all, (int) offset, end);
  }

  /**
   * The first matches in {@code order}, found by walking the order; a rare query's by sorting its
   * matches. {@code counted}: the query's matches in row order if its count kept them, else null.
   */
  private int[] firstMatches(
      CompiledQuery f, int[] counted, SortOrder order, int offset, int limit) {
    if (f.none) {
      return new int[0];
    }
    int[] out = new int[limit];
    int k = 0;
    int skipped = 0;
    boolean newest = order.column() == SortColumn.TIME && !order.ascending();
    int[] o = ordered(order);
    int from = newest ? f.timeLo : 0;
    int to = newest ? f.timeHi : n;
    boolean probe = newest && !f.all && !f.useTimeSlice() && to - from > SPARSE_PROBE;
    if (probe && counted != null) {
      // The count kept the matches: how far a walk would go is known without probing.
      probe = false;
      long walk = (long) (offset + limit) * (to - from) / Math.max(1, counted.length);
      if (walk > (to - from) / WALK_SHARE) {
        return sortedSlice(counted.clone(), offset, limit);
      }
    }
    for (int i = from; i < to && k < limit; i++) {
      if (probe && i == from + SPARSE_PROBE) {
        // The newest rows did not fill the page. If the query is so rare that walking on would
        // test rows all over memory, find every match by column scan and order those instead.
        long walk = (long) (offset + limit) * SPARSE_PROBE / Math.max(1, skipped + k);
        if (walk > (to - from) / WALK_SHARE) {
          int[] rare = scan(f, n / SPARSE_SHARE, false).rows();
          if (rare != null) {
            return sortedSlice(rare, offset, limit);
          }
        }
      }
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

  /** Positions {@code [offset, offset+limit)} of {@code rows} once sorted newest first. */
  private int[] sortedSlice(int[] rows, int offset, int limit) {
    TimeOrder.sort(rows, time, idKey);
    return offset >= rows.length
        ? new int[0]
        : Arrays.copyOfRange(rows, offset, Math.min(rows.length, offset + limit));
  }

  /**
   * Scans every chunk for the matches: their number, and the matching rows in row order while there
   * are at most {@code max} (beyond that, walking an order is cheaper than sorting them). Without
   * {@code countAll} it stops as soon as there are more.
   */
  private Scan scan(CompiledQuery f, int max, boolean countAll) {
    int[] sel = new int[LongColumn.CHUNK];
    int[] kept = new int[256];
    long count = 0;
    for (int from = 0; from < n; from += LongColumn.CHUNK) {
      int got = f.select(from, Math.min(n, from + LongColumn.CHUNK), sel);
      if (kept != null && count + got <= max) {
        if (count + got > kept.length) {
          kept = Arrays.copyOf(kept, (int) Math.max(count + got, 2L * kept.length));
        }
        System.arraycopy(sel, 0, kept, (int) count, got);
      } else if (countAll) {
        kept = null;
      } else {
        return new Scan(count + got, null);
      }
      count += got;
    }
    return new Scan(count, kept == null ? null : Arrays.copyOf(kept, (int) count));
  }

  /** The matches of a scan: how many, and in row order if there were few enough (else null). */
  private record Scan(long count, int[] rows) {}

  /** Row numbers of every matching row in {@code order}. */
  int[] allMatches(AuditQuery q, SortOrder order) {
    return allMatches(compile(q), order);
  }

  private int[] allMatches(CompiledQuery f, SortOrder order) {
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

  /** The summaries of the matching rows in order, read from the columns alone. */
  void summaries(AuditQuery q, SortOrder order, java.util.function.Consumer<EventSummary> out) {
    for (int r : allMatches(q, order)) {
      out.accept(summary(r));
    }
  }

  /** The summaries of {@code rows}, made as they are asked for (a scan keeps few at a time). */
  List<EventSummary> summaries(int[] rows) {
    return new java.util.AbstractList<>() {
      @Override
      public EventSummary get(int i) {
        return summary(rows[i]);
      }

      @Override
      public int size() {
        return rows.length;
      }
    };
  }

  private EventSummary summary(int r) {
    return new EventSummary(
        ColumnIndex.micros(time.get(r)),
        value(IndexedColumn.ACTION, r),
        value(IndexedColumn.RESOURCE_TYPE, r),
        value(IndexedColumn.RESOURCE_TARGET, r),
        IndexedColumn.part(value(IndexedColumn.ACTOR, r), 0),
        value(IndexedColumn.IP, r),
        status.get(r));
  }

  List<FacetValue> facetValues(Facet facet, AuditQuery q) {
    return facetValues(List.of(facet), q).get(facet);
  }

  /**
   * The values of each of {@code facets} with their counts under the other filters of {@code q},
   * worked out in one pass over the rows: the filters that are none of these facets are applied
   * once per chunk, then per facet only the other facets' codes. Four lists over ten million rows
   * used to be four scans, each testing every filter again.
   */
  Map<Facet, List<FacetValue>> facetValues(List<Facet> facets, AuditQuery q) {
    int m = facets.size();
    IndexedColumn[] col = new IndexedColumn[m];
    AuditQuery rest = q;
    AuditQuery lists = AuditQuery.ALL; // the lists' own selections, without the rest's free text
    for (int i = 0; i < m; i++) {
      Facet f = facets.get(i);
      col[i] = IndexedColumn.of(f);
      rest = rest.without(f);
      if (!q.values(f).isEmpty()) {
        lists = lists.with(f, q.values(f));
      }
    }
    CompiledQuery base = compile(rest);
    CompiledQuery whole = compile(lists);
    boolean shareColumns = Arrays.stream(col).distinct().count() < m;
    Map<Facet, List<FacetValue>> out = new LinkedHashMap<>();
    if (shareColumns || (!base.none && base.useTimeSlice())) {
      // Two facets on one column, or a narrow date range walked in time order: one at a time.
      for (Facet f : facets) {
        out.put(f, finish(f, countOne(f, q), q));
      }
      return out;
    }
    int[][] counts = new int[m][];
    boolean[][] own = new boolean[m][];
    for (int i = 0; i < m; i++) {
      counts[i] = new int[index.dict(col[i]).size()];
      own[i] = whole.allowed(col[i]);
    }
    boolean everyRow = base.all && base.timeLo == 0 && base.timeHi == n;
    // A list whose "other filters" are none counts every row: kept per snapshot, so opening the
    // window, clearing the filters and the list of the only filter chosen cost nothing after once.
    boolean[] fromEveryRow = new boolean[m];
    boolean anyToCount = false;
    boolean needAll = false;
    for (int i = 0; i < m; i++) {
      boolean othersFree = true;
      for (int j = 0; j < m; j++) {
        othersFree &= j == i || own[j] == null;
      }
      fromEveryRow[i] = everyRow && othersFree;
      if (fromEveryRow[i]) {
        counts[i] = everyRowCounts(col[i]);
      }
      anyToCount |= !fromEveryRow[i];
      // The rows that pass every list's selection are needed only by a list without a selection.
      needAll |= !fromEveryRow[i] && own[i] == null;
    }
    if (!base.none && anyToCount) {
      int[] sel = new int[LongColumn.CHUNK];
      int[] passAll = new int[LongColumn.CHUNK];
      int[] passOthers = new int[LongColumn.CHUNK];
      for (int from = 0; from < n; from += LongColumn.CHUNK) {
        int to = Math.min(n, from + LongColumn.CHUNK);
        // With nothing but the lists' own selections (the common case), every row passes the
        // rest: each pass below starts with a plain scan of one selection's column instead.
        int k = everyRow ? to - from : base.select(from, to, sel);
        // Rows that pass every facet count for the facets without a filter of their own.
        int all = needAll ? pass(from, to, everyRow, sel, k, col, own, -1, passAll) : 0;
        for (int i = 0; i < m; i++) {
          CodeColumn codes = cols[col[i].ordinal()];
          if (fromEveryRow[i]) {
            continue;
          }
          if (own[i] == null) {
            codes.count(passAll, all, counts[i]);
            continue;
          }
          int others = pass(from, to, everyRow, sel, k, col, own, i, passOthers);
          codes.count(passOthers, others, counts[i]);
        }
      }
    }
    for (int i = 0; i < m; i++) {
      out.put(facets.get(i), finish(facets.get(i), counts[i], q));
    }
    return out;
  }

  /**
   * Writes to {@code out} the rows of the chunk {@code [from, to)} that pass the rest of the query
   * ({@code sel[0..k)}, or every row when {@code everyRow}) and every list's own selection but
   * {@code skip}'s (-1: every one); returns how many.
   */
  private int pass(
      int from,
      int to,
      boolean everyRow,
      int[] sel,
      int k,
      IndexedColumn[] col,
      boolean[][] own,
      int skip,
      int[] out) {
    int first = -1;
    int kept;
    if (everyRow) {
      for (int j = 0; j < own.length && first < 0; j++) {
        first = j != skip && own[j] != null ? j : -1;
      }
      if (first >= 0) {
        kept = cols[col[first].ordinal()].select(from, to, own[first], out);
      } else {
        kept = to - from;
        for (int i = 0; i < kept; i++) {
          out[i] = from + i;
        }
      }
    } else {
      System.arraycopy(sel, 0, out, 0, k);
      kept = k;
    }
    for (int j = 0; j < own.length && kept > 0; j++) {
      if (j != skip && j != first && own[j] != null) {
        kept = cols[col[j].ordinal()].refine(out, kept, own[j]);
      }
    }
    return kept;
  }

  /** How many rows have each code of {@code col}, over every row of this snapshot (a copy). */
  private int[] everyRowCounts(IndexedColumn col) {
    int[] c;
    synchronized (everyRow) {
      c = everyRow.get(col);
      if (c == null) {
        c = new int[index.dict(col).size()];
        for (int from = 0; from < n; from += LongColumn.CHUNK) {
          cols[col.ordinal()].count(from, Math.min(n, from + LongColumn.CHUNK), c);
        }
        everyRow.put(col, c);
      }
    }
    return c.clone();
  }

  private List<FacetValue> finish(Facet facet, int[] counts, AuditQuery q) {
    IndexedColumn col = IndexedColumn.of(facet);
    if (col == IndexedColumn.ACTOR || col == IndexedColumn.ORGANIZATION) {
      return byLabel(col, counts, q.values(facet));
    }
    return FacetOrder.byCount(index.dict(col), counts, q.values(facet));
  }

  /** One facet's counts under the other filters of {@code q}. */
  private int[] countOne(Facet facet, AuditQuery q) {
    CompiledQuery f = compile(q.without(facet));
    IndexedColumn col = IndexedColumn.of(facet);
    int[] counts = new int[index.dict(col).size()];
    CodeColumn codes = cols[col.ordinal()];
    if (f.none) {
      return counts;
    }
    if (f.useTimeSlice() || (f.all && (f.timeLo != 0 || f.timeHi != n))) {
      int[] bt = byTime();
      for (int i = f.timeLo; i < f.timeHi; i++) {
        int r = bt[i];
        if (f.all || f.test(r)) {
          counts[codes.get(r)]++;
        }
      }
      return counts;
    }
    int[] sel = new int[LongColumn.CHUNK];
    for (int from = 0; from < n; from += LongColumn.CHUNK) {
      int to = Math.min(n, from + LongColumn.CHUNK);
      if (f.all) {
        codes.count(from, to, counts);
      } else {
        codes.count(sel, f.select(from, to, sel), counts);
      }
    }
    return counts;
  }

  /** Facet values of a column whose shown value is part of its key (several codes may share it). */
  private List<FacetValue> byLabel(IndexedColumn col, int[] counts, Iterable<String> chosen) {
    Map<String, Long> byValue = new HashMap<>();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        byValue.merge(index.facetLabel(col, c), (long) counts[c], Long::sum);
      }
    }
    for (String s : chosen) {
      byValue.putIfAbsent(s, 0L);
    }
    List<FacetValue> out = new ArrayList<>(byValue.size());
    byValue.forEach((v, c) -> out.add(new FacetValue(v, c)));
    out.sort(FacetOrder.BY_COUNT);
    return out;
  }

  /**
   * The timeline's bars. Those of every event (the window's open, and each time the filters are
   * cleared) are kept per bar width: at ten million events they take a pass over every row.
   */
  Histogram histogram(AuditQuery q, Duration bucket) {
    return q.isAll() ? everyEvent.get(bucket, b -> bars(q, b)) : bars(q, bucket);
  }

  private Histogram bars(AuditQuery q, Duration bucket) {
    long width = Math.max(1, bucket.toNanos() / 1_000);
    CompiledQuery f = compile(q);
    if (f.none || f.timeHi <= f.timeLo) {
      return new Histogram(bucket, List.of());
    }
    int[] bt = byTime();
    long newest = time.get(bt[f.timeLo]);
    long oldest = time.get(bt[f.timeHi - 1]);
    long first = Math.floorDiv(oldest, width);
    long last = Math.floorDiv(newest, width);
    long nb = last - first + 1;
    if (nb > 2_000_000) {
      throw new IllegalArgumentException(
          "A histogram with " + nb + " bars is too fine; choose a longer bucket.");
    }
    long[] total = new long[(int) nb];
    long[] failed = new long[(int) nb];
    long start = first * width;
    if (f.useTimeSlice()) {
      // A narrow date range: its rows, found through the time order.
      for (int i = f.timeLo; i < f.timeHi; i++) {
        int r = bt[i];
        if (f.all || f.test(r)) {
          count(r, start, width, total, failed);
        }
      }
    } else {
      // Otherwise the matches a chunk at a time in row order, as a count finds them (testing
      // row by row took most of a filter change's CPU at ten million events).
      int[] sel = new int[LongColumn.CHUNK];
      for (int from = 0; from < n; from += LongColumn.CHUNK) {
        int k = f.select(from, Math.min(n, from + LongColumn.CHUNK), sel);
        for (int i = 0; i < k; i++) {
          count(sel[i], start, width, total, failed);
        }
      }
    }
    List<Histogram.Bucket> out = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      if (total[b] > 0 || !out.isEmpty()) {
        out.add(new Histogram.Bucket(ColumnIndex.micros((first + b) * width), total[b], failed[b]));
      }
    }
    while (!out.isEmpty() && out.get(out.size() - 1).total() == 0) {
      out.remove(out.size() - 1);
    }
    return new Histogram(bucket, out);
  }

  /** Adds row {@code r} to its bar ({@code start}: the first bar's start, in µs). */
  private void count(int r, long start, long width, long[] total, long[] failed) {
    int b = (int) ((time.get(r) - start) / width);
    total[b]++;
    if (status.get(r) >= 400) {
      failed[b]++;
    }
  }

  Instant newest() {
    return n == 0 ? Instant.EPOCH : ColumnIndex.micros(time.get(byTime()[0]));
  }

  Instant oldest() {
    return n == 0 ? Instant.EPOCH : ColumnIndex.micros(time.get(byTime()[n - 1]));
  }

  /**
   * The last few values of a per-snapshot cache, most recently used kept. A value is worked out
   * outside the lock: two threads may both work out one, and either result is right.
   */
  private static final class Recent<K, V> {
    private final Map<K, V> values;

    Recent(int size) {
      values =
          new LinkedHashMap<>(size * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
              return size() > size;
            }
          };
    }

    synchronized V get(K key) {
      return values.get(key);
    }

    synchronized void put(K key, V value) {
      values.put(key, value);
    }

    V get(K key, java.util.function.Function<K, V> make) {
      V v = get(key);
      if (v == null) {
        v = make.apply(key);
        put(key, v);
      }
      return v;
    }
  }
}
