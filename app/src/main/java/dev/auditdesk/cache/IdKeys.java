package dev.auditdesk.cache;

import java.util.function.IntConsumer;

/**
 * Row numbers by a 64-bit hash of the event id ({@link EventCodec#hash64}): an open-addressing
 * multimap used to find which events of a sync page are already cached without an index on the id
 * text in H2. An H2 index over random UUIDs rewrites most of its pages at every commit, which made
 * it the main cost of a large sync. The table holds only row numbers; a row's hash is read from the
 * column index, which keeps it anyway (it once held a copy of every hash too: 24 bytes per event
 * instead of today's 4–8). A hit is only a candidate (hashes can collide) whose id the caller then
 * checks in H2. Writer only: the cache calls it under its write lock.
 */
final class IdKeys {

  private final ColumnIndex index;
  private int[] rows = new int[1024]; // row + 1; 0 marks an empty slot
  private int size;

  /** Rows 0..deferred-1 are in the column index but not yet here. */
  private int deferred;

  IdKeys(ColumnIndex index) {
    this.index = index;
  }

  /**
   * Rows {@code 0..rows-1} of the column index are to be added when the first write needs them, not
   * at open: ten million of them take seconds that a window opened only to read would wait.
   */
  void defer(int rows) {
    deferred = rows;
  }

  /** Adds a row whose id hash the column index already holds as {@code key}. */
  void add(long key, int row) {
    ensure();
    // Load factor up to 3/4: linear probing stays short and ten million rows take 64 MiB.
    if ((size + 1) * 4L > rows.length * 3L) {
      grow();
    }
    insert(rows, key, row + 1);
    size++;
  }

  /** Calls {@code action} with every row whose id has this key. */
  void forEachRow(long key, IntConsumer action) {
    ensure();
    int mask = rows.length - 1;
    for (int i = slot(key, mask); rows[i] != 0; i = (i + 1) & mask) {
      if (index.idHash(rows[i] - 1) == key) {
        action.accept(rows[i] - 1);
      }
    }
  }

  int size() {
    ensure();
    return size;
  }

  private void ensure() {
    int n = deferred;
    if (n == 0) {
      return;
    }
    deferred = 0;
    int need = Integer.highestOneBit((int) Math.min(1 << 29, (n + size + 1) * 4L / 3)) << 1;
    if (need > rows.length) {
      rehash(need);
    }
    long[] hashes = new long[LongColumn.CHUNK];
    for (int from = 0; from < n; from += hashes.length) {
      int k = Math.min(hashes.length, n - from);
      index.idHashes(from, hashes, k);
      for (int i = 0; i < k; i++) {
        insert(rows, hashes[i], from + i + 1);
      }
    }
    size += n;
  }

  private void grow() {
    rehash(rows.length * 2);
  }

  /** Moves every row into a table of {@code length} slots (a power of two). */
  private void rehash(int length) {
    int[] r = new int[length];
    for (int row : rows) {
      if (row != 0) {
        insert(r, index.idHash(row - 1), row);
      }
    }
    rows = r;
  }

  private static void insert(int[] rows, long key, int rowPlusOne) {
    int mask = rows.length - 1;
    int i = slot(key, mask);
    while (rows[i] != 0) {
      i = (i + 1) & mask;
    }
    rows[i] = rowPlusOne;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
