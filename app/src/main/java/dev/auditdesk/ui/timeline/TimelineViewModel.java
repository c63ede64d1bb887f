package dev.auditdesk.ui.timeline;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity histogram above the table: events per time bucket for the current query, counted by
 * the cache off the JavaFX thread, and the date range a drag across it selects.
 */
public final class TimelineViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(TimelineViewModel.class);

  /** What the chart draws: the buckets and the time span its width stands for. */
  private final javafx.beans.property.ObjectProperty<java.util.Set<java.time.LocalDate>>
      unverifiedDays = new javafx.beans.property.SimpleObjectProperty<>(java.util.Set.of());

  /** UTC days the cache's completeness record could not verify (marked on the chart). */
  public javafx.beans.property.ObjectProperty<java.util.Set<java.time.LocalDate>>
      unverifiedDaysProperty() {
    return unverifiedDays;
  }

  public record Timeline(Histogram histogram, Instant from, Instant to) {

    public static final Timeline EMPTY =
        new Timeline(new Histogram(Duration.ofHours(1), List.of()), Instant.EPOCH, Instant.EPOCH);

    public boolean isEmpty() {
      return histogram.buckets().isEmpty();
    }

    public Duration bucket() {
      return histogram.bucket();
    }

    public long peak() {
      return histogram.buckets().stream().mapToLong(Histogram.Bucket::total).max().orElse(0);
    }

    public long total() {
      return histogram.buckets().stream().mapToLong(Histogram.Bucket::total).sum();
    }
  }

  private final TimelineSource source;
  private final ObjectProperty<AuditCache> cache = new SimpleObjectProperty<>(this, "cache");
  private final ReadOnlyObjectWrapper<Timeline> timeline =
      new ReadOnlyObjectWrapper<>(this, "timeline", Timeline.EMPTY);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
  private final Executor background;
  private final Executor fxThread;
  private final AtomicLong generation = new AtomicLong();

  /**
   * The audit log's timeline.
   *
   * @param query the window's query model; a drag sets its date range
   * @param background reads the histogram from the cache (never the JavaFX thread)
   * @param fxThread where it is published: the FX thread
   */
  public TimelineViewModel(
      ObjectProperty<AuditQuery> query, Executor background, Executor fxThread) {
    this.source = auditLog(query, cache);
    this.background = background;
    this.fxThread = fxThread;
    source.onChange(this::refresh);
  }

  /** The timeline of any log: {@code source} says what to count and takes the dragged range. */
  public TimelineViewModel(TimelineSource source, Executor background, Executor fxThread) {
    this.source = source;
    this.background = background;
    this.fxThread = fxThread;
    source.onChange(this::refresh);
  }

  /** The audit log's cache (the audit constructor only). */
  public ObjectProperty<AuditCache> cacheProperty() {
    return cache;
  }

  /** The prefix of the message keys this timeline speaks with. */
  public String words() {
    return source.words();
  }

  public ReadOnlyObjectProperty<Timeline> timelineProperty() {
    return timeline.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** Whether the filters have a date range the user can clear. */
  public boolean hasRange() {
    return !source.range().isAll();
  }

  /** Narrows the filters to {@code [a, b)} (in either order). */
  public void select(Instant a, Instant b) {
    Instant from = a.isBefore(b) ? a : b;
    Instant to = a.isBefore(b) ? b : a;
    if (from.equals(to)) {
      return;
    }
    source.setRange(new DateRange(from, to));
  }

  /** Removes the date range: the whole history again. */
  public void clearRange() {
    source.setRange(DateRange.ALL);
  }

  /** Counts again, e.g. after a sync brought new events. Only the newest request is shown. */
  public void refresh() {
    Optional<TimelineSource.Count> count = source.capture();
    long gen = generation.incrementAndGet();
    if (count.isEmpty()) {
      timeline.set(Timeline.EMPTY);
      loading.set(false);
      return;
    }
    loading.set(true);
    background.execute(
        () -> {
          if (generation.get() != gen) {
            return; // a newer query superseded this one before it started
          }
          Timeline t;
          try {
            t = compute(count.get());
          } catch (RuntimeException e) {
            LOG.warn("Could not count over time", e);
            t = Timeline.EMPTY;
          }
          Timeline result = t;
          fxThread.execute(
              () -> {
                if (generation.get() == gen) {
                  timeline.set(result);
                  loading.set(false);
                }
              });
        });
  }

  /** The audit log as a source: the query model's query over the window's cache. */
  private static TimelineSource auditLog(
      ObjectProperty<AuditQuery> query, ObjectProperty<AuditCache> cache) {
    return new TimelineSource() {
      @Override
      public void onChange(Runnable r) {
        query.addListener((o, was, now) -> r.run());
        cache.addListener((o, was, now) -> r.run());
      }

      @Override
      public DateRange range() {
        return query.get() == null ? DateRange.ALL : query.get().range();
      }

      @Override
      public void setRange(DateRange r) {
        query.set(query.get().withRange(r));
      }

      @Override
      public Optional<Count> capture() {
        AuditCache c = cache.get();
        AuditQuery q = query.get();
        if (c == null || q == null) {
          return Optional.empty();
        }
        return Optional.of(
            new Count() {
              @Override
              public DateRange range() {
                return q.range();
              }

              @Override
              public Optional<Extent> extent() {
                CacheStats s = c.stats();
                return s.events() == 0
                    ? Optional.empty()
                    : Optional.of(new Extent(s.oldest(), s.newest()));
              }

              @Override
              public Histogram histogram(Duration bucket) {
                return c.histogram(q, bucket);
              }
            });
      }
    };
  }

  static Timeline compute(TimelineSource.Count c) {
    DateRange r = c.range();
    Instant from = r.from();
    Instant to = r.to();
    if (!r.hasFrom() || !r.hasTo()) {
      Optional<TimelineSource.Extent> s = c.extent();
      if (s.isEmpty()) {
        return Timeline.EMPTY;
      }
      if (!r.hasFrom()) {
        from = s.get().oldest();
      }
      if (!r.hasTo()) {
        to = s.get().newest().plusSeconds(1);
      }
    }
    if (!from.isBefore(to)) {
      to = from.plusSeconds(1);
    }
    Duration bucket = bucketFor(Duration.between(from, to));
    Histogram h = c.histogram(bucket);
    Instant start = floor(from, bucket);
    Instant end = floor(to.minusNanos(1), bucket).plus(bucket);
    if (!h.buckets().isEmpty()) {
      Instant first = h.buckets().get(0).start();
      Instant last = h.buckets().get(h.buckets().size() - 1).start().plus(h.bucket());
      start = first.isBefore(start) ? first : start;
      end = last.isAfter(end) ? last : end;
    }
    return new Timeline(h, start, end);
  }

  /** Five minutes up to six hours, hours up to three days, days up to two years, then weeks. */
  static Duration bucketFor(Duration span) {
    if (span.compareTo(Duration.ofHours(6)) <= 0) {
      return Duration.ofMinutes(5);
    }
    if (span.compareTo(Duration.ofDays(3)) <= 0) {
      return Duration.ofHours(1);
    }
    if (span.compareTo(Duration.ofDays(730)) <= 0) {
      return Duration.ofDays(1);
    }
    return Duration.ofDays(7);
  }

  /** The start of the bucket holding {@code t}, buckets counted from the epoch. */
  static Instant floor(Instant t, Duration bucket) {
    long b = bucket.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), b) * b);
  }
}
