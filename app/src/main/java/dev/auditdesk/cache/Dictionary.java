package dev.auditdesk.cache;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strings of one column (actions, targets, ...) numbered 0, 1, 2, ... in order of first sight.
 * Codes never change once committed. One writer at a time; any number of readers, which may see
 * codes appended after their snapshot (harmless: they never meet rows that use them).
 */
final class Dictionary {

  private volatile ConcurrentHashMap<String, Integer> codes = new ConcurrentHashMap<>();
  private volatile String[] values = new String[16];
  private volatile String[] lower = new String[16];
  private volatile int size;
  private int committed;

  /** The code of a value, or -1 when no event has it. */
  int find(String value) {
    Integer c = codes.get(value);
    return c == null ? -1 : c;
  }

  /** The code of a value, adding it (uncommitted) when new; writer only. */
  int codeOf(String value) {
    Integer c = codes.get(value);
    if (c != null) {
      return c;
    }
    int code = size;
    if (code == values.length) {
      int cap = code * 2;
      String[] v = Arrays.copyOf(values, cap);
      String[] l = Arrays.copyOf(lower, cap);
      v[code] = value;
      l[code] = value.toLowerCase(Locale.ROOT);
      lower = l;
      values = v;
    } else {
      values[code] = value;
      lower[code] = value.toLowerCase(Locale.ROOT);
    }
    codes.put(value, code);
    size = code + 1;
    return code;
  }

  /**
   * Loads every committed value at open: {@code values[code]}, with null for a code that was never
   * stored (kept as a placeholder so later codes keep their numbers). Takes over {@code values}
   * (258,000 strings at ten million events are not copied).
   */
  void loadAll(String[] values, int count) {
    if (size != 0) {
      throw new IllegalStateException("the dictionary already holds values");
    }
    String[] v = values.length > 0 ? values : new String[16];
    String[] l = new String[v.length];
    ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>(count * 2);
    for (int code = 0; code < count; code++) {
      String value = v[code] != null ? v[code] : placeholder(code);
      v[code] = value;
      l[code] = value.toLowerCase(Locale.ROOT); // the same string when already lower case
      map.put(value, code);
    }
    codes = map;
    lower = l;
    this.values = v;
    size = count;
    committed = count;
  }

  int size() {
    return size;
  }

  /** The value stored in H2 for a code, or null for a placeholder (a code without a value). */
  String stored(int code) {
    String v = values[code];
    return v.startsWith(PLACEHOLDER) && v.equals(placeholder(code)) ? null : v;
  }

  private static final String PLACEHOLDER = "\u0000placeholder-";

  private static String placeholder(int code) {
    return PLACEHOLDER + code;
  }

  int committedSize() {
    return committed;
  }

  void commit() {
    committed = size;
  }

  /** Forgets values added since the last commit (their transaction was rolled back). */
  void rollback() {
    synchronized (this) {
      byValue = null; // its codes past the commit may be given to other values now
    }
    String[] v = values;
    for (int c = committed; c < size; c++) {
      codes.remove(v[c]);
      v[c] = null;
    }
    size = committed;
  }

  String value(int code) {
    return values[code];
  }

  String lower(int code) {
    return lower[code];
  }

  /** Codes whose value contains {@code needle} (already lower case), as a lookup table. */
  boolean[] containing(String needle) {
    int n = size;
    String[] l = lower;
    boolean[] hit = new boolean[n];
    for (int c = 0; c < n; c++) {
      String s = l[c];
      hit[c] = s != null && s.contains(needle);
    }
    return hit;
  }

  /** Codes {@code 0..size-1} in value order ({@link String#compareTo}), kept for the next call. */
  private int[] byValue;

  /**
   * Codes {@code 0..size-1} ordered by their values; a grown dictionary sorts only its new codes
   * and merges them in. Shared: do not modify.
   */
  synchronized int[] byValue(int size) {
    int[] old = byValue;
    if (old != null && old.length == size) {
      return old;
    }
    String[] v = values;
    int from = old != null && old.length < size ? old.length : 0;
    Integer[] added = new Integer[size - from];
    for (int i = 0; i < added.length; i++) {
      added[i] = from + i;
    }
    Arrays.sort(added, (a, b) -> nz(v[a]).compareTo(nz(v[b])));
    int[] merged = new int[size];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < from && j < added.length) {
      merged[k++] = nz(v[old[i]]).compareTo(nz(v[added[j]])) <= 0 ? old[i++] : added[j++];
    }
    while (i < from) {
      merged[k++] = old[i++];
    }
    while (j < added.length) {
      merged[k++] = added[j++];
    }
    byValue = merged;
    return merged;
  }

  /** Sort rank of every code: case-insensitive alphabetical, then by exact value. */
  int[] ranks() {
    int n = size;
    String[] v = values;
    String[] l = lower;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = nz(l[a]).compareTo(nz(l[b]));
          return c != 0 ? c : nz(v[a]).compareTo(nz(v[b]));
        });
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[order[i]] = i;
    }
    return rank;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
