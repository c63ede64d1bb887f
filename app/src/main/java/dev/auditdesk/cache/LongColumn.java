package dev.auditdesk.cache;

import java.util.Arrays;

/**
 * A column of longs by row number, grown in chunks of 65,536 rows. Doubling one array per column
 * needed the old and the new array at once (a 2^23-row column past 8,388,608 events asked for 128
 * MiB more per column and ran a 2 GiB heap out); a chunk at a time never copies more than the outer
 * array. A {@link #view} shares the chunks and is what a {@link Snapshot} reads.
 */
final class LongColumn {

  static final int SHIFT = 16;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;
  private static final long[][] NONE = new long[0][];

  private long[][] chunks = NONE;

  long get(int row) {
    return chunks[row >>> SHIFT][row & MASK];
  }

  void set(int row, long value) {
    int c = row >>> SHIFT;
    if (c >= chunks.length || (row & MASK) >= chunks[c].length) {
      grow(row);
    }
    chunks[c][row & MASK] = value;
  }

  /** The rows set so far, for a reader; later appends land beyond what it was given to read. */
  LongColumn view() {
    LongColumn v = new LongColumn();
    v.chunks = chunks;
    return v;
  }

  /** Copies {@code count} values starting at {@code row} into {@code out} (from {@code at}). */
  void copyTo(int row, long[] out, int at, int count) {
    while (count > 0) {
      int k = Math.min(count, CHUNK - (row & MASK));
      System.arraycopy(chunks[row >>> SHIFT], row & MASK, out, at, k);
      row += k;
      at += k;
      count -= k;
    }
  }

  /** Bytes held, for the heap accounting in docs/PERFORMANCE.md. */
  long bytes() {
    long b = 16L + 8L * chunks.length;
    for (long[] c : chunks) {
      b += 16L + 8L * c.length;
    }
    return b;
  }

  private void grow(int row) {
    int c = row >>> SHIFT;
    // A new outer array each time, so a view never sees its chunks replaced.
    long[][] next = Arrays.copyOf(chunks, Math.max(chunks.length, c + 1));
    for (int i = 0; i <= c; i++) {
      int need = i < c ? CHUNK : (row & MASK) + 1;
      int have = next[i] == null ? 0 : next[i].length;
      if (have < need) {
        // Small caches start small: the last chunk doubles up to a whole chunk.
        int size =
            i < c ? CHUNK : Math.min(CHUNK, Math.max(1024, Integer.highestOneBit(need) << 1));
        next[i] = next[i] == null ? new long[size] : Arrays.copyOf(next[i], size);
      }
    }
    chunks = next;
  }
}
