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

  /**
   * The columns that constrain a row, and per text term the columns where it hits something: a row
   * test visits only these (looping over all twelve columns per row cost most of a count).
   */
  private CodeColumn[] testedCols;

  private boolean[][] testedAllowed;
  private CodeColumn[][] termCols;
  private boolean[][][] termHits;

  /**
   * Per row of a chunk, whether a text term hit one of its columns ({@link #select} only); per
   * thread, as a compiled query is shared by the lanes that count, page and list at once.
   */
  private static final ThreadLocal<boolean[]> HIT =
      ThreadLocal.withInitial(() -> new boolean[LongColumn.CHUNK]);

  /**
   * A text term found in one column only, which the scan of a query without column filters starts
   * from (instead of listing every row first); -1 when there is none.
   */
  private int leadTerm = -1;

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
    prepareTests();
    all =
        !none
            && noCodes
            && textTerms.length == 0
            && !hasRequest
            && !hasResource
            && idHashes == null;
  }

  private void prepareTests() {
    java.util.List<Integer> cols = new java.util.ArrayList<>();
    for (int col = 0; col < COLUMNS; col++) {
      if (allowed[col] != null) {
        cols.add(col);
      }
    }
    testedCols = new CodeColumn[cols.size()];
    testedAllowed = new boolean[cols.size()][];
    for (int i = 0; i < cols.size(); i++) {
      testedCols[i] = s.cols[cols.get(i)];
      testedAllowed[i] = allowed[cols.get(i)];
    }
    termCols = new CodeColumn[textTerms.length][];
    termHits = new boolean[textTerms.length][][];
    for (int t = 0; t < textTerms.length; t++) {
      java.util.List<Integer> hit = new java.util.ArrayList<>();
      for (int col = 0; col < COLUMNS; col++) {
        if (textTerms[t][col] != null && any(textTerms[t][col])) {
          hit.add(col);
        }
      }
      termCols[t] = new CodeColumn[hit.size()];
      termHits[t] = new boolean[hit.size()][];
      for (int i = 0; i < hit.size(); i++) {
        termCols[t][i] = s.cols[hit.get(i)];
        termHits[t][i] = textTerms[t][hit.get(i)];
      }
      if (testedCols.length == 0 && leadTerm < 0 && termCols[t].length == 1) {
        leadTerm = t;
      }
    }
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
    CodeColumn[] tc = testedCols;
    for (int i = 0; i < tc.length; i++) {
      boolean[] a = testedAllowed[i];
      int code = tc[i].get(r);
      if (code >= a.length || !a[code]) {
        return false;
      }
    }
    return keys(r) && terms(r);
  }

  /** Keeps the rows of {@code sel[0..k)} where text term {@code t} is in one of its columns. */
  private int keepTerm(int t, int[] sel, int k) {
    CodeColumn[] cols = termCols[t];
    if (cols.length == 1) {
      return cols[0].refine(sel, k, termHits[t][0]);
    }
    boolean[] hit = HIT.get();
    java.util.Arrays.fill(hit, 0, k, false);
    for (int i = 0; i < cols.length; i++) {
      cols[i].mark(sel, k, termHits[t][i], hit);
    }
    int kept = 0;
    for (int i = 0; i < k; i++) {
      sel[kept] = sel[i];
      kept += hit[i] ? 1 : 0;
    }
    return kept;
  }

  private boolean keys(int r) {
    if (hasRequest && s.requestKey.get(r) != request) {
      return false;
    }
    if (hasResource && s.resourceKey.get(r) != resource) {
      return false;
    }
    return idHashes == null || java.util.Arrays.binarySearch(idHashes, s.idHash.get(r)) >= 0;
  }

  private boolean terms(int r) {
    for (int t = 0; t < termCols.length; t++) {
      CodeColumn[] cols = termCols[t];
      boolean[][] hits = termHits[t];
      boolean hit = false;
      for (int i = 0; i < cols.length && !hit; i++) {
        boolean[] h = hits[i];
        int code = cols[i].get(r);
        hit = code < h.length && h[code];
      }
      if (!hit) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes to {@code sel} the matching rows of {@code [from, to)}, which lie in one chunk of the
   * columns, and returns how many: column by column over the chunk's arrays, each pass keeping
   * fewer rows, then the time range, keys and text on what is left.
   */
  int select(int from, int to, int[] sel) {
    int k;
    int t = 0;
    if (testedCols.length > 0) {
      k = testedCols[0].select(from, to, testedAllowed[0], sel);
      t = 1;
    } else if (leadTerm >= 0) {
      k = termCols[leadTerm][0].select(from, to, termHits[leadTerm][0], sel);
    } else {
      k = to - from;
      for (int i = 0; i < k; i++) {
        sel[i] = from + i;
      }
    }
    for (; t < testedCols.length && k > 0; t++) {
      k = testedCols[t].refine(sel, k, testedAllowed[t]);
    }
    if (k > 0 && hasRange) {
      int kept = 0;
      LongColumn time = s.time;
      for (int i = 0; i < k; i++) {
        int r = sel[i];
        long us = time.get(r);
        sel[kept] = r;
        kept += us >= fromUs && us < toUs ? 1 : 0;
      }
      k = kept;
    }
    for (int term = 0; term < termCols.length && k > 0; term++) {
      if (term != leadTerm) {
        k = keepTerm(term, sel, k);
      }
    }
    if (k > 0 && (hasRequest || hasResource || idHashes != null)) {
      int kept = 0;
      for (int i = 0; i < k; i++) {
        int r = sel[i];
        if (keys(r)) {
          sel[kept++] = r;
        }
      }
      k = kept;
    }
    return k;
  }

  /** The codes of {@code col} this query lets through, or null when it does not filter it. */
  boolean[] allowed(IndexedColumn col) {
    return allowed[col.ordinal()];
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
