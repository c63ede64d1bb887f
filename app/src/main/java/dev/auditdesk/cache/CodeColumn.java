package dev.auditdesk.cache;

import java.util.Arrays;

/**
 * A column of small non-negative ints (dictionary codes, HTTP statuses) stored as narrow as its
 * values allow: a byte per row while every value is below 256, a short below 65,536, else an int.
 * Most columns (actions, types, organizations, build reasons, statuses) stay one or two bytes, so
 * ten million rows cost a third of what int columns did. Grown in chunks like {@link LongColumn};
 * widening copies the column once into new arrays, which a {@link #view} taken before never sees.
 */
final class CodeColumn {

  private static final int SHIFT = LongColumn.SHIFT;
  private static final int CHUNK = LongColumn.CHUNK;
  private static final int MASK = LongColumn.MASK;

  /** Bytes per value: 1, 2 or 4; exactly one of the chunk arrays below is in use. */
  private int width = 1;

  private byte[][] bytes = new byte[0][];
  private short[][] shorts;
  private int[][] ints;

  int get(int row) {
    switch (width) {
      case 1:
        return bytes[row >>> SHIFT][row & MASK] & 0xFF;
      case 2:
        return shorts[row >>> SHIFT][row & MASK] & 0xFFFF;
      default:
        return ints[row >>> SHIFT][row & MASK];
    }
  }

  /**
   * Writes to {@code out} the rows of {@code [from, to)}, which lie in one chunk, whose code is
   * allowed, and returns how many. A loop per width over the chunk's own array, without a branch
   * per row: scanning ten million codes this way costs a few milliseconds.
   */
  int select(int from, int to, boolean[] allowed, int[] out) {
    int c = from >>> SHIFT;
    int base = c << SHIFT;
    int len = allowed.length;
    int k = 0;
    switch (width) {
      case 1 -> {
        byte[] a = bytes[c];
        for (int r = from; r < to; r++) {
          int v = a[r - base] & 0xFF;
          out[k] = r;
          k += v < len && allowed[v] ? 1 : 0;
        }
      }
      case 2 -> {
        short[] a = shorts[c];
        for (int r = from; r < to; r++) {
          int v = a[r - base] & 0xFFFF;
          out[k] = r;
          k += v < len && allowed[v] ? 1 : 0;
        }
      }
      default -> {
        int[] a = ints[c];
        for (int r = from; r < to; r++) {
          int v = a[r - base];
          out[k] = r;
          k += v >= 0 && v < len && allowed[v] ? 1 : 0;
        }
      }
    }
    return k;
  }

  /** Keeps those of the rows {@code sel[0..k)}, all in one chunk, whose code is allowed. */
  int refine(int[] sel, int k, boolean[] allowed) {
    if (k == 0) {
      return 0;
    }
    int c = sel[0] >>> SHIFT;
    int len = allowed.length;
    int kept = 0;
    switch (width) {
      case 1 -> {
        byte[] a = bytes[c];
        for (int i = 0; i < k; i++) {
          int r = sel[i];
          int v = a[r & MASK] & 0xFF;
          sel[kept] = r;
          kept += v < len && allowed[v] ? 1 : 0;
        }
      }
      case 2 -> {
        short[] a = shorts[c];
        for (int i = 0; i < k; i++) {
          int r = sel[i];
          int v = a[r & MASK] & 0xFFFF;
          sel[kept] = r;
          kept += v < len && allowed[v] ? 1 : 0;
        }
      }
      default -> {
        int[] a = ints[c];
        for (int i = 0; i < k; i++) {
          int r = sel[i];
          int v = a[r & MASK];
          sel[kept] = r;
          kept += v >= 0 && v < len && allowed[v] ? 1 : 0;
        }
      }
    }
    return kept;
  }

  /**
   * Sets {@code hit[i]} for those of the rows {@code sel[0..k)}, one chunk, whose code is wanted.
   */
  void mark(int[] sel, int k, boolean[] wanted, boolean[] hit) {
    if (k == 0) {
      return;
    }
    int c = sel[0] >>> SHIFT;
    int len = wanted.length;
    switch (width) {
      case 1 -> {
        byte[] a = bytes[c];
        for (int i = 0; i < k; i++) {
          int v = a[sel[i] & MASK] & 0xFF;
          hit[i] |= v < len && wanted[v];
        }
      }
      case 2 -> {
        short[] a = shorts[c];
        for (int i = 0; i < k; i++) {
          int v = a[sel[i] & MASK] & 0xFFFF;
          hit[i] |= v < len && wanted[v];
        }
      }
      default -> {
        int[] a = ints[c];
        for (int i = 0; i < k; i++) {
          int v = a[sel[i] & MASK];
          hit[i] |= v >= 0 && v < len && wanted[v];
        }
      }
    }
  }

  /** Adds one to {@code counts[code]} for each of the rows {@code sel[0..k)}, all in one chunk. */
  void count(int[] sel, int k, int[] counts) {
    if (k == 0) {
      return;
    }
    int c = sel[0] >>> SHIFT;
    switch (width) {
      case 1 -> {
        byte[] a = bytes[c];
        for (int i = 0; i < k; i++) {
          counts[a[sel[i] & MASK] & 0xFF]++;
        }
      }
      case 2 -> {
        short[] a = shorts[c];
        for (int i = 0; i < k; i++) {
          counts[a[sel[i] & MASK] & 0xFFFF]++;
        }
      }
      default -> {
        int[] a = ints[c];
        for (int i = 0; i < k; i++) {
          counts[a[sel[i] & MASK]]++;
        }
      }
    }
  }

  /**
   * Adds one to {@code counts[code]} for every row of {@code [from, to)}, which lie in one chunk.
   */
  void count(int from, int to, int[] counts) {
    int c = from >>> SHIFT;
    int base = c << SHIFT;
    switch (width) {
      case 1 -> {
        byte[] a = bytes[c];
        for (int r = from; r < to; r++) {
          counts[a[r - base] & 0xFF]++;
        }
      }
      case 2 -> {
        short[] a = shorts[c];
        for (int r = from; r < to; r++) {
          counts[a[r - base] & 0xFFFF]++;
        }
      }
      default -> {
        int[] a = ints[c];
        for (int r = from; r < to; r++) {
          counts[a[r - base]]++;
        }
      }
    }
  }

  void set(int row, int value) {
    int need = value < 0 ? 4 : value < 0x100 ? 1 : value < 0x10000 ? 2 : 4;
    if (need > width) {
      widen(need);
    }
    int c = row >>> SHIFT;
    if (c >= chunkCount() || (row & MASK) >= chunkLength(c)) {
      grow(row);
    }
    switch (width) {
      case 1 -> bytes[c][row & MASK] = (byte) value;
      case 2 -> shorts[c][row & MASK] = (short) value;
      default -> ints[c][row & MASK] = value;
    }
  }

  int width() {
    return width;
  }

  /** A column of {@code width} whose chunks were read whole from the index file. */
  static CodeColumn loaded(int width, byte[][] bytes, short[][] shorts, int[][] ints) {
    CodeColumn c = new CodeColumn();
    c.width = width;
    c.bytes = width == 1 ? bytes : null;
    c.shorts = width == 2 ? shorts : null;
    c.ints = width == 4 ? ints : null;
    return c;
  }

  CodeColumn view() {
    CodeColumn v = new CodeColumn();
    v.width = width;
    v.bytes = bytes;
    v.shorts = shorts;
    v.ints = ints;
    return v;
  }

  long bytes() {
    long b = 0;
    for (int c = 0; c < chunkCount(); c++) {
      b += 16L + (long) width * chunkLength(c) + 8;
    }
    return b;
  }

  private int chunkCount() {
    return width == 1 ? bytes.length : width == 2 ? shorts.length : ints.length;
  }

  private int chunkLength(int c) {
    return switch (width) {
      case 1 -> bytes[c] == null ? 0 : bytes[c].length;
      case 2 -> shorts[c] == null ? 0 : shorts[c].length;
      default -> ints[c] == null ? 0 : ints[c].length;
    };
  }

  private void widen(int to) {
    int count = chunkCount();
    if (to == 2) {
      short[][] s = new short[count][];
      for (int c = 0; c < count; c++) {
        s[c] = new short[chunkLength(c)];
        for (int i = 0; i < s[c].length; i++) {
          s[c][i] = (short) (bytes[c][i] & 0xFF);
        }
      }
      shorts = s;
      bytes = null;
    } else {
      int[][] n = new int[count][];
      for (int c = 0; c < count; c++) {
        n[c] = new int[chunkLength(c)];
        for (int i = 0; i < n[c].length; i++) {
          n[c][i] = width == 1 ? bytes[c][i] & 0xFF : shorts[c][i] & 0xFFFF;
        }
      }
      ints = n;
      bytes = null;
      shorts = null;
    }
    width = to;
  }

  private void grow(int row) {
    int c = row >>> SHIFT;
    int count = Math.max(chunkCount(), c + 1);
    for (int i = 0; i <= c; i++) {
      int need = i < c ? CHUNK : (row & MASK) + 1;
      int have = i < chunkCount() ? chunkLength(i) : 0;
      if (have < need) {
        int size =
            i < c ? CHUNK : Math.min(CHUNK, Math.max(1024, Integer.highestOneBit(need) << 1));
        resize(i, count, size);
      }
    }
  }

  /** Chunk {@code i} at {@code size} in a new outer array of {@code count} chunks. */
  private void resize(int i, int count, int size) {
    switch (width) {
      case 1 -> {
        bytes = Arrays.copyOf(bytes, count);
        bytes[i] = bytes[i] == null ? new byte[size] : Arrays.copyOf(bytes[i], size);
      }
      case 2 -> {
        shorts = Arrays.copyOf(shorts, count);
        shorts[i] = shorts[i] == null ? new short[size] : Arrays.copyOf(shorts[i], size);
      }
      default -> {
        ints = Arrays.copyOf(ints, count);
        ints[i] = ints[i] == null ? new int[size] : Arrays.copyOf(ints[i], size);
      }
    }
  }
}
