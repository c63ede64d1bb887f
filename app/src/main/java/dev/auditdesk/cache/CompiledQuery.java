package dev.auditdesk.cache;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * An {@link AuditQuery} compiled against one {@link Snapshot}: per column, which dictionary codes
 * pass ({@code null} = any), the text terms as per-column code sets, hashed id filters, and the
 * slice of the time order that the date range covers. Testing a row is then array lookups only.
 */
final class CompiledQuery {

  /** The columns the free-text search looks in. */
  private static final IndexedColumn[] SEARCHED = {
    IndexedColumn.RESOURCE_TARGET,
    IndexedColumn.ACTOR,
    IndexedColumn.DESCRIPTION,
    IndexedColumn.ACTION,
    IndexedColumn.RESOURCE_TYPE
  };

  private static final int COLUMNS = IndexedColumn.COUNT;

  final boolean[][] allowed = new boolean[COLUMNS][];
  final boolean[][][] textTerms;
  final long fromUs;
  final long toUs;
  final boolean hasRange;
  final boolean hasRequest;
  final boolean hasResource;
  final long resource;
  final long request;

  /** The hashed ids of an id filter, sorted; null = any id. */
  final long[] idHashes;

  final Snapshot s;
  int timeLo;
  int timeHi;
  boolean none;
  boolean all;

  CompiledQuery(Snapshot s, AuditQuery q) {
    this.s = s;
    allow(IndexedColumn.RESOURCE_TYPE, exact(IndexedColumn.RESOURCE_TYPE, q.resourceTypes()));
    allow(IndexedColumn.ACTION, exact(IndexedColumn.ACTION, q.actions()));
    allow(IndexedColumn.RESOURCE_TARGET, exact(IndexedColumn.RESOURCE_TARGET, q.resourceTargets()));
    allow(IndexedColumn.BUILD_REASON, exact(IndexedColumn.BUILD_REASON, q.buildReasons()));
    boolean[] actors = null;
    if (!q.users().isEmpty()) {
      actors = parts(IndexedColumn.ACTOR, q.users(), false, 0, 2);
    }
    if (!q.emails().isEmpty()) {
      boolean[] byEmail = parts(IndexedColumn.ACTOR, lowerAll(q.emails()), true, 1);
      actors = and(actors, byEmail);
    }
    allow(IndexedColumn.ACTOR, actors);
    if (!q.organizations().isEmpty()) {
      allow(
          IndexedColumn.ORGANIZATION,
          parts(IndexedColumn.ORGANIZATION, q.organizations(), false, 0, 1, 2));
    }
    hasRequest = !q.requestId().isEmpty();
    request = hasRequest ? EventCodec.hash64(q.requestId()) : 0;
    hasResource = !q.resourceId().isEmpty();
    resource = hasResource ? EventCodec.hash64(q.resourceId()) : 0;
    idHashes =
        q.ids().isEmpty()
            ? null
            : q.ids().stream().mapToLong(EventCodec::hash64).sorted().toArray();
    DateRange range = q.range();
    hasRange = !range.isAll();
    fromUs = range.hasFrom() ? ColumnIndex.toMicros(range.from()) : Long.MIN_VALUE;
    toUs = range.hasTo() ? ColumnIndex.toMicros(range.to()) : Long.MAX_VALUE;
    textTerms = textTerms(q.text().toLowerCase(Locale.ROOT));
    for (boolean[] a : allowed) {
      if (a != null && !any(a)) {
        none = true;
      }
    }
    timeSlice();
    boolean noCodes = true;
    for (boolean[] a : allowed) {
      if (a != null) {
        noCodes = false;
      }
    }
    all =
        !none
            && noCodes
            && textTerms.length == 0
            && !hasRequest
            && !hasResource
            && idHashes == null;
  }

  private void allow(IndexedColumn c, boolean[] codes) {
    allowed[c.ordinal()] = codes;
  }

  /**
   * Per term, per searched column, the codes whose text holds the term; none if a term hits none.
   */
  private boolean[][][] textTerms(String text) {
    if (text.isBlank()) {
      return new boolean[0][][];
    }
    String[] terms = text.trim().split("\\s+");
    boolean[][][] out = new boolean[terms.length][][];
    for (int t = 0; t < terms.length; t++) {
      out[t] = new boolean[COLUMNS][];
      boolean anyHit = false;
      for (IndexedColumn col : SEARCHED) {
        boolean[] hit = s.dict(col).containing(terms[t]);
        out[t][col.ordinal()] = hit;
        anyHit |= any(hit);
      }
      if (!anyHit) {
        none = true;
      }
    }
    return out;
  }

  private void timeSlice() {
    timeLo = 0;
    timeHi = s.n;
    if (!hasRange || s.n == 0) {
      return;
    }
    int[] bt = s.byTime();
    LongColumn t = s.time;
    // First position whose time is < toUs (times descend along bt).
    int lo = 0;
    int hi = s.n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t.get(bt[mid]) >= toUs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    timeLo = lo;
    hi = s.n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t.get(bt[mid]) >= fromUs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    timeHi = lo;
  }

  /** A narrow range is walked through the time order; a wide one by a sequential scan. */
  boolean useTimeSlice() {
    return hasRange && (timeHi - timeLo) < s.n / 3;
  }

  boolean testWithTime(int r) {
    if (hasRange) {
      long t = s.time.get(r);
      if (t < fromUs || t >= toUs) {
        return false;
      }
    }
    return all || test(r);
  }

  boolean test(int r) {
    CodeColumn[] c = s.cols;
    for (int col = 0; col < COLUMNS; col++) {
      boolean[] a = allowed[col];
      if (a != null) {
        int code = c[col].get(r);
        if (code >= a.length || !a[code]) {
          return false;
        }
      }
    }
    if (hasRequest && s.requestKey.get(r) != request) {
      return false;
    }
    if (hasResource && s.resourceKey.get(r) != resource) {
      return false;
    }
    if (idHashes != null && java.util.Arrays.binarySearch(idHashes, s.idHash.get(r)) < 0) {
      return false;
    }
    for (boolean[][] term : textTerms) {
      boolean hit = false;
      for (int col = 0; col < COLUMNS && !hit; col++) {
        boolean[] h = term[col];
        if (h != null) {
          int code = c[col].get(r);
          hit = code < h.length && h[code];
        }
      }
      if (!hit) {
        return false;
      }
    }
    return true;
  }

  private boolean[] exact(IndexedColumn col, Set<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    Dictionary d = s.dict(col);
    boolean[] a = new boolean[d.size()];
    for (String v : values) {
      int code = d.find(v);
      if (code >= 0 && code < a.length) {
        a[code] = true;
      }
    }
    return a;
  }

  /** Codes of composite keys (actor, organization) with one of the given parts in values. */
  private boolean[] parts(IndexedColumn col, Set<String> values, boolean lower, int... indexes) {
    Dictionary d = s.dict(col);
    boolean[] a = new boolean[d.size()];
    for (int c = 0; c < a.length; c++) {
      String key = lower ? d.lower(c) : d.value(c);
      if (key == null) {
        continue;
      }
      for (int i : indexes) {
        if (values.contains(IndexedColumn.part(key, i))) {
          a[c] = true;
          break;
        }
      }
    }
    return a;
  }

  private static Set<String> lowerAll(Set<String> s) {
    Set<String> out = new HashSet<>();
    for (String v : s) {
      out.add(v.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static boolean[] and(boolean[] a, boolean[] b) {
    if (a == null) {
      return b;
    }
    boolean[] r = new boolean[Math.min(a.length, b.length)];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] && b[i];
    }
    return r;
  }

  private static boolean any(boolean[] a) {
    for (boolean b : a) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
