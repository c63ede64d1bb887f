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

  IdKeys(ColumnIndex index) {
    this.index = index;
  }

  /** Adds a row whose id hash the column index already holds as {@code key}. */
  void add(long key, int row) {
    // Load factor up to 3/4: linear probing stays short and ten million rows take 64 MiB.
    if ((size + 1) * 4L > rows.length * 3L) {
      grow();
    }
    insert(rows, key, row + 1);
    size++;
  }

  /** Calls {@code action} with every row whose id has this key. */
  void forEachRow(long key, IntConsumer action) {
    int mask = rows.length - 1;
    for (int i = slot(key, mask); rows[i] != 0; i = (i + 1) & mask) {
      if (index.idHash(rows[i] - 1) == key) {
        action.accept(rows[i] - 1);
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    int[] r = new int[rows.length * 2];
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
