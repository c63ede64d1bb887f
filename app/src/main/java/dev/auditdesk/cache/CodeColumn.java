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
