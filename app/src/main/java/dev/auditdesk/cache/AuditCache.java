package dev.auditdesk.cache;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.DiffMarks;
import dev.auditdesk.model.EventCount;
import dev.auditdesk.model.EventSummary;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The local cache of one deployment's audit events (H2, file mode). Every query answers over
 * <em>all</em> cached events matching an {@link AuditQuery}, not a loaded page. Thread-safe; every
 * method may block on disk, so never call one on the JavaFX application thread.
 */
public interface AuditCache extends AutoCloseable {

  Deployment deployment();

  /** Inserts or replaces events by id; the same events twice change nothing. Returns new ones. */
  int upsert(Collection<AuditEvent> events) throws CacheException;

  /** All cached events of this deployment. */
  long total();

  /**
   * All events, for display: a cache that cannot count a large total cheaply may give an estimate,
   * marked as such. The default counts.
   */
  default EventCount totalCount() {
    return EventCount.exact(total());
  }

  /** How many cached events match. */
  long count(AuditQuery query);

  /**
   * An estimate of {@link #count} when counting exactly would take a while (a large team archive),
   * so a window can show the first rows at once and count in the background; empty when counting is
   * cheap (the default: this computer's cache counts ten million rows in milliseconds).
   */
  default Optional<EventCount> quickCount(AuditQuery query) {
    return Optional.empty();
  }

  /**
   * True for a team archive other people's scheduled sync fills (read here, never synced from
   * here); false for this computer's own cache of a deployment.
   */
  default boolean sharedArchive() {
    return false;
  }

  /**
   * Up to {@code limit} matching events in {@code order}, starting at position {@code offset}
   * (0-based) — fast at any position, for a virtual table that jumps anywhere.
   */
  List<AuditEvent> page(AuditQuery query, SortOrder order, long offset, int limit);

  /** Streams every matching event in order, for export; stops early if the consumer throws. */
  void forEach(AuditQuery query, SortOrder order, Consumer<AuditEvent> consumer);

  /**
   * Streams, in order, the matching events whose diff grants a role or changes a secret ({@link
   * DiffMarks}) and that {@code worthReading} accepts from their summary and marks (a rule that
   * ignores a person's own password change says so there, and such events are never read). The
   * default reads every matching event and classifies it; a cache that marks events as it stores
   * them reads only those.
   */
  default void forEachMarked(
      AuditQuery query,
      SortOrder order,
      BiPredicate<EventSummary, Integer> worthReading,
      Consumer<AuditEvent> consumer) {
    forEach(
        query,
        order,
        e -> {
          int marks = DiffMarks.of(e);
          if (marks != 0 && worthReading.test(EventSummary.of(e), marks)) {
            consumer.accept(e);
          }
        });
  }

  /**
   * Streams the summary of every matching event in order, like {@link #forEach} but without reading
   * ids, diffs or JSON: for scans over many events (insights). A cache with an index should answer
   * from it; the default reads the events.
   */
  default void forEachSummary(AuditQuery query, SortOrder order, Consumer<EventSummary> consumer) {
    forEach(query, order, e -> consumer.accept(EventSummary.of(e)));
  }

  /**
   * The ids of some of the matching events, read in one pass: {@code pick} gets the summaries of
   * every matching event in {@code order} (as {@link #forEachSummary} streams them) and answers the
   * positions in that list whose ids it needs; the result holds their ids in that order. For rules
   * that decide from summaries and name only the events they report. The default reads every
   * matching event; a cache with an index reads just the rows picked, in storage order.
   */
  default List<String> ids(
      AuditQuery query, SortOrder order, Function<List<EventSummary>, int[]> pick) {
    List<String> ids = new ArrayList<>();
    List<EventSummary> summaries = new ArrayList<>();
    forEach(
        query,
        order,
        e -> {
          ids.add(e.id());
          summaries.add(EventSummary.of(e));
        });
    int[] want = pick.apply(Collections.unmodifiableList(summaries));
    List<String> out = new ArrayList<>(want.length);
    for (int i : want) {
      out.add(ids.get(i));
    }
    return out;
  }

  /**
   * The values of one filter with how many events each has under the <em>other</em> filters of
   * {@code query} (so choosing more values in a combo never hides its own choices), most frequent
   * first.
   */
  List<FacetValue> facetValues(Facet facet, AuditQuery query);

  /**
   * {@link #facetValues(Facet, AuditQuery)} for several filters at once, in their order; a cache
   * may count them together in one pass.
   */
  default Map<Facet, List<FacetValue>> facetValues(List<Facet> facets, AuditQuery query) {
    Map<Facet, List<FacetValue>> out = new LinkedHashMap<>();
    for (Facet f : facets) {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      out.put(f, facetValues(f, query));
    }
    return out;
  }

  /** Events per time bucket over the matching events; failed attempts counted apart. */
  Histogram histogram(AuditQuery query, Duration bucket);

  /** What the cache holds and how fresh it is. */
  CacheStats stats();

  /** How far syncing this deployment got (resume point, last sync, server retention). */
  default SyncState syncState() {
    return SyncState.NEVER;
  }

  /** Records how far syncing got. */
  default void saveSyncState(SyncState state) throws CacheException {
    throw new CacheException(
        CacheException.Problem.IO, "This cache does not record sync progress.", null);
  }

  /**
   * Upserts events and records the sync state after them in one transaction, so a sync killed at
   * any moment resumes from a point that matches what the cache holds.
   */
  default int upsert(Collection<AuditEvent> events, SyncState after) throws CacheException {
    int added = upsert(events);
    if (after != null) {
      saveSyncState(after);
    }
    return added;
  }

  /** The completeness record: what the last reconciliation found for each UTC day. */
  default java.util.NavigableMap<java.time.LocalDate, dev.auditdesk.model.DayCheck> dayChecks() {
    return java.util.Collections.emptyNavigableMap();
  }

  /** Adds or replaces days of the completeness record. */
  default void saveDayChecks(Collection<dev.auditdesk.model.DayCheck> checks)
      throws CacheException {
    throw new CacheException(
        CacheException.Problem.IO, "This cache does not keep a completeness record.", null);
  }

  /** What the completeness record proves, summarised. */
  default dev.auditdesk.model.Completeness completeness() {
    SyncState s = syncState();
    return dev.auditdesk.model.Completeness.of(
        dayChecks().values(), s.historyComplete(), s.walkedAt());
  }

  @Override
  void close();
}
