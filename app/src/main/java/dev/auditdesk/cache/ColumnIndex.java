package dev.auditdesk.cache;

import dev.auditdesk.MemoryShortage;
import java.time.Instant;

/**
 * A compact in-memory column store beside H2: one dictionary-encoded int per row for each {@link
 * IndexedColumn}, plus time, status and hashed keys. Row {@code r} is the event with {@code rk = r}
 * in H2. H2's planner is slow for filtered newest-first pages and OFFSET (docs/CACHE.md); scanning
 * these arrays answers counts, facets, histograms and page positions for a million rows in
 * milliseconds, and only the rows of a page are then read from H2.
 *
 * <p>One writer at a time ({@link #append}/{@link #update} are called under the cache's write
 * lock); readers work on an immutable {@link Snapshot}, which runs the queries.
 */
final class ColumnIndex {

  final Dictionary[] dicts = new Dictionary[IndexedColumn.COUNT];
  final TimeOrder timeOrder = new TimeOrder();

  private LongColumn time = new LongColumn();
  private LongColumn idKey = new LongColumn();
  private LongColumn idHash = new LongColumn();
  private LongColumn requestKey = new LongColumn();
  private LongColumn resourceKey = new LongColumn();
  private CodeColumn status = new CodeColumn();
  private final CodeColumn[] cols = new CodeColumn[IndexedColumn.COUNT];
  private int n;
  private long generation;
  private boolean timesChanged;

  private volatile Snapshot current;

  ColumnIndex() {
    for (int c = 0; c < IndexedColumn.COUNT; c++) {
      dicts[c] = new Dictionary();
      cols[c] = new CodeColumn();
    }
    publish();
  }

  /** One row's values, already dictionary-encoded ({@code codes} by {@link IndexedColumn}). */
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

  /** True if {@code s} is the newest snapshot. */
  boolean isCurrent(Snapshot s) {
    return s.generation == current.generation;
  }

  Dictionary dict(IndexedColumn c) {
    return dicts[c.ordinal()];
  }

  /** Appends a row; its row number is returned and equals its rk in H2. */
  int append(Row r) {
    set(n, r);
    return n++;
  }

  /** The id hash of a row, for {@link IdKeys}; writer only. */
  long idHash(int row) {
    return idHash.get(row);
  }

  /** Copies the id hashes of rows {@code from..from+count-1} into {@code out}; writer only. */
  void idHashes(int from, long[] out, int count) {
    idHash.copyTo(from, out, 0, count);
  }

  /** Heap held by the columns (not the dictionaries), for the measurements. */
  long columnBytes() {
    long b = time.bytes() + idKey.bytes() + idHash.bytes() + requestKey.bytes();
    b += resourceKey.bytes() + status.bytes();
    for (CodeColumn c : cols) {
      b += c.bytes();
    }
    return b;
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
    System.arraycopy(c.codes(), 0, cols, 0, IndexedColumn.COUNT);
    n = c.n();
    if (c.byTime() != null) {
      timeOrder.seed(c.byTime());
    }
  }

  /** Replaces the values of an existing row (the server sent a changed event). */
  void update(int row, Row r) {
    boolean moved = time.get(row) != r.time();
    set(row, r);
    if (moved) {
      timesChanged = true;
      timeOrder.forget(generation + 1); // the next snapshot is the first with the new time
    }
  }

  private void set(int row, Row r) {
    time.set(row, r.time());
    idKey.set(row, r.idKey());
    idHash.set(row, r.idHash());
    requestKey.set(row, r.requestKey());
    resourceKey.set(row, r.resourceKey());
    status.set(row, r.status());
    for (int c = 0; c < IndexedColumn.COUNT; c++) {
      cols[c].set(row, r.codes()[c]);
    }
  }

  /** Makes everything appended or updated so far visible to readers. */
  void publish() {
    CodeColumn[] c = new CodeColumn[IndexedColumn.COUNT];
    for (int i = 0; i < IndexedColumn.COUNT; i++) {
      c[i] = cols[i].view();
    }
    boolean resort = timesChanged;
    timesChanged = false;
    MemoryShortage.noteEvents(n);
    current =
        new Snapshot(
            this,
            n,
            ++generation,
            time.view(),
            idKey.view(),
            idHash.view(),
            requestKey.view(),
            resourceKey.view(),
            status.view(),
            c,
            resort);
  }

  /** The value a facet shows for a code: a username, an organization name, or the value. */
  String facetLabel(IndexedColumn col, int code) {
    String v = dict(col).value(code);
    if (col == IndexedColumn.ACTOR) {
      return IndexedColumn.part(v, 0);
    }
    if (col == IndexedColumn.ORGANIZATION) {
      String name = IndexedColumn.part(v, 0);
      return name.isEmpty() ? IndexedColumn.part(v, 2) : name;
    }
    return v;
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
}
