package dev.auditdesk.cache;

import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * A column of longs by row number, grown in chunks of 65,536 rows. Doubling one array per column
 * needed the old and the new array at once (a 2^23-row column past 8,388,608 events asked for 128
 * MiB more per column and ran a 2 GiB heap out); a chunk at a time never copies more than the outer
 * array. A {@link #view} shares the chunks and is what a {@link Snapshot} reads.
 *
 * <p>A column opened from the index file can leave its saved rows in the file ({@link #mapped}):
 * they are read through the OS page cache, off the Java heap, and a chunk is copied onto the heap
 * only when one of its rows is written. Ten million events' keys are 320 MB that a 1 GB heap cannot
 * spare (issue 19).
 */
final class LongColumn {

  static final int SHIFT = 16;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;
  private static final long[][] NONE = new long[0][];

  /** Chunks on the heap; a null chunk below {@link #mappedRows} is read from {@link #file}. */
  private long[][] chunks = NONE;

  private LongBuffer file;
  private int mappedRows;

  /** Rows {@code 0..rows-1} read from {@code file} (a read-only buffer no one else moves). */
  static LongColumn mapped(LongBuffer file, int rows) {
    LongColumn c = new LongColumn();
    c.file = file;
    c.mappedRows = rows;
    c.chunks = new long[(rows + MASK) >>> SHIFT][];
    return c;
  }

  long get(int row) {
    long[] c = chunks[row >>> SHIFT];
    return c != null ? c[row & MASK] : file.get(row);
  }

  void set(int row, long value) {
    int c = row >>> SHIFT;
    if (c >= chunks.length || chunks[c] == null || (row & MASK) >= chunks[c].length) {
      grow(row);
    }
    chunks[c][row & MASK] = value;
  }

  /** The rows set so far, for a reader; later appends land beyond what it was given to read. */
  LongColumn view() {
    LongColumn v = new LongColumn();
    v.chunks = chunks;
    v.file = file;
    v.mappedRows = mappedRows;
    return v;
  }

  /** Copies {@code count} values starting at {@code row} into {@code out} (from {@code at}). */
  void copyTo(int row, long[] out, int at, int count) {
    while (count > 0) {
      int k = Math.min(count, CHUNK - (row & MASK));
      long[] c = chunks[row >>> SHIFT];
      if (c != null) {
        System.arraycopy(c, row & MASK, out, at, k);
      } else {
        file.get(row, out, at, k);
      }
      row += k;
      at += k;
      count -= k;
    }
  }

  /** Bytes held on the heap, for the heap accounting in docs/PERFORMANCE.md. */
  long bytes() {
    long b = 16L + 8L * chunks.length;
    for (long[] c : chunks) {
      b += c == null ? 0 : 16L + 8L * c.length;
    }
    return b;
  }

  /** Bytes read from the index file instead of the heap. */
  long mappedBytes() {
    long b = 0;
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i] == null) {
        b += 8L * Math.max(0, Math.min(CHUNK, mappedRows - i * CHUNK));
      }
    }
    return b;
  }

  private void grow(int row) {
    int c = row >>> SHIFT;
    // A new outer array each time, so a view never sees its chunks replaced.
    long[][] next = Arrays.copyOf(chunks, Math.max(chunks.length, c + 1));
    for (int i = 0; i <= c; i++) {
      int inFile = Math.max(0, Math.min(CHUNK, mappedRows - i * CHUNK));
      boolean fromFile = next[i] == null && inFile > 0;
      if (fromFile && i < c) {
        continue; // stays in the file until one of its own rows is written
      }
      int need = Math.max(inFile, i < c ? CHUNK : (row & MASK) + 1);
      int have = next[i] == null ? 0 : next[i].length;
      if (have < need || fromFile) {
        // Small caches start small: the last chunk doubles up to a whole chunk.
        int size =
            i < c ? CHUNK : Math.min(CHUNK, Math.max(1024, Integer.highestOneBit(need) << 1));
        long[] a = next[i] == null ? new long[size] : Arrays.copyOf(next[i], size);
        if (fromFile) {
          file.get(i * CHUNK, a, 0, inFile);
        }
        next[i] = a;
      }
    }
    chunks = next;
  }
}
