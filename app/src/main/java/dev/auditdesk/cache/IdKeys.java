package dev.auditdesk.cache;

import java.util.function.IntConsumer;

/**
 * Row numbers by a 64-bit hash of the event id ({@link EventCodec#hash64}): an open-addressing
 * multimap used to find which events of a sync page are already cached without an index on the id
 * text in H2. An H2 index over random UUIDs rewrites most of its pages at every commit, which made
 * it the main cost of a large sync; this map costs 12 bytes per slot (about 24 MiB for a million
 * events). A hit is only a candidate (hashes can collide) whose id the caller then checks in H2.
 * Writer only: the cache calls it under its write lock.
 */
final class IdKeys {

  private long[] keys = new long[1024];
  private int[] rows = new int[1024]; // row + 1; 0 marks an empty slot
  private int size;

  void add(long key, int row) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    insert(keys, rows, key, row + 1);
    size++;
  }

  /** Calls {@code action} with every row whose id has this key. */
  void forEachRow(long key, IntConsumer action) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); rows[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == key) {
        action.accept(rows[i] - 1);
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] k = new long[keys.length * 2];
    int[] r = new int[rows.length * 2];
    for (int i = 0; i < keys.length; i++) {
      if (rows[i] != 0) {
        insert(k, r, keys[i], rows[i]);
      }
    }
    keys = k;
    rows = r;
  }

  private static void insert(long[] keys, int[] rows, long key, int rowPlusOne) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (rows[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    rows[i] = rowPlusOne;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
