package dev.auditdesk.archive;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * "Take offline": copies a slice of the archive (the events matching a query, e.g. the last 90 days
 * of one team) into a local cache for travel, and compares the two day by day, then or any time
 * later. Where the slice is only a date range, the archive's verified days inside it are copied
 * into the local completeness record too, so the laptop shows what the archive proved.
 */
public final class TakeOffline {

  /** Events per write into the local cache. */
  private static final int BATCH = 2_000;

  /** One UTC day of the slice whose counts differ: the archive's and the local cache's. */
  public record DayDifference(LocalDate day, long archive, long local) {}

  /** What a copy or a comparison found. */
  public record Result(
      long copied,
      long archiveEvents,
      long localEvents,
      List<DayDifference> differ,
      int daysCompared,
      int verifiedDaysCopied) {
    public boolean matches() {
      return differ.isEmpty() && archiveEvents == localEvents;
    }
  }

  /** Where a slice went (the deployment's cache folder) and what the comparison found. */
  public record Taken(Path folder, Result result) {}

  private TakeOffline() {}

  /**
   * The first instant of the last {@code days} UTC days up to {@code now} (today counts as one).
   */
  public static Instant lastDays(long days, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.minusDays(Math.max(0, days - 1)).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Copies the slice into this computer's cache of the archive's deployment under {@code
   * cachesRoot} (the one "Open offline" shows; created when new), then compares: what both the
   * command line and the window run. A cancel stops the copy with a {@link CancellationException};
   * what was copied stays in the cache, and taking the same slice again adds only the rest.
   */
  public static Taken intoCaches(
      PostgresArchive archive,
      AuditQuery slice,
      Path cachesRoot,
      LongConsumer progress,
      BooleanSupplier cancelled)
      throws CacheException {
    if (!archive.holdsDeployment()) {
      throw new CacheException(
          CacheException.Problem.IO,
          "The archive " + archive.url().display() + " holds no events yet: sync into it first.",
          null);
    }
    try (H2AuditCache local =
        CacheStore.open(cachesRoot, archive.deployment(), CacheStore.OpenMode.READ_WRITE)) {
      local.rememberDeployment(archive.deployment(), archive.syncState().serverVersion());
      return new Taken(local.folder(), copy(archive, slice, local, progress, cancelled));
    }
  }

  /** Compares a slice taken offline earlier (under {@code cachesRoot}) with the archive now. */
  public static Result checkCaches(PostgresArchive archive, AuditQuery slice, Path cachesRoot)
      throws CacheException {
    try (H2AuditCache local =
        CacheStore.open(cachesRoot, archive.deployment(), CacheStore.OpenMode.READ_ONLY)) {
      return compare(archive, slice, local);
    }
  }

  /** Copies the slice into {@code local}, then compares; {@code progress} hears events copied. */
  public static Result copy(
      AuditCache archive, AuditQuery slice, AuditCache local, LongConsumer progress)
      throws CacheException {
    return copy(archive, slice, local, progress, () -> false);
  }

  /** As {@link #copy(AuditCache, AuditQuery, AuditCache, LongConsumer)}, stopped by a cancel. */
  public static Result copy(
      AuditCache archive,
      AuditQuery slice,
      AuditCache local,
      LongConsumer progress,
      BooleanSupplier cancelled)
      throws CacheException {
    List<AuditEvent> batch = new ArrayList<>(BATCH);
    long[] copied = {0};
    archive.forEach(
        slice,
        SortOrder.NEWEST_FIRST,
        e -> {
          if (cancelled.getAsBoolean()) {
            throw new CancellationException("Cancelled after " + copied[0] + " events.");
          }
          batch.add(e);
          if (batch.size() >= BATCH) {
            flush(local, batch, copied, progress);
          }
        });
    flush(local, batch, copied, progress);
    Result compared = compare(archive, slice, local);
    int verified = 0;
    if (compared.matches() && onlyARange(slice)) {
      verified = copyVerifiedDays(archive, slice, local);
    }
    return new Result(
        copied[0],
        compared.archiveEvents(),
        compared.localEvents(),
        compared.differ(),
        compared.daysCompared(),
        verified);
  }

  private static void flush(
      AuditCache local, List<AuditEvent> batch, long[] copied, LongConsumer progress) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      local.upsert(batch);
    } catch (CacheException e) {
      // forEach's consumer cannot throw a checked exception: stop the stream with its message.
      throw new IllegalStateException(e.getMessage(), e);
    }
    copied[0] += batch.size();
    batch.clear();
    if (progress != null) {
      progress.accept(copied[0]);
    }
  }

  /**
   * The slice's events per UTC day in the archive and in the local cache, and where they differ.
   */
  public static Result compare(AuditCache archive, AuditQuery slice, AuditCache local) {
    Map<LocalDate, long[]> days = new TreeMap<>();
    long a = count(archive.histogram(slice, Duration.ofDays(1)), days, 0);
    long l = count(local.histogram(slice, Duration.ofDays(1)), days, 1);
    List<DayDifference> differ = new ArrayList<>();
    days.forEach(
        (d, n) -> {
          if (n[0] != n[1]) {
            differ.add(new DayDifference(d, n[0], n[1]));
          }
        });
    return new Result(0, a, l, differ, days.size(), 0);
  }

  private static long count(Histogram h, Map<LocalDate, long[]> days, int side) {
    long total = 0;
    for (Histogram.Bucket b : h.buckets()) {
      if (b.total() > 0) {
        days.computeIfAbsent(LocalDate.ofInstant(b.start(), ZoneOffset.UTC), d -> new long[2])[
                side] =
            b.total();
        total += b.total();
      }
    }
    return total;
  }

  private static boolean onlyARange(AuditQuery slice) {
    return slice.withRange(dev.auditdesk.model.DateRange.ALL).isAll();
  }

  /** The archive's verified days wholly inside the slice's range, into the local record. */
  private static int copyVerifiedDays(AuditCache archive, AuditQuery slice, AuditCache local)
      throws CacheException {
    Instant from = slice.range().from();
    Instant to = slice.range().to();
    List<DayCheck> copy = new ArrayList<>();
    for (DayCheck d : archive.dayChecks().values()) {
      Instant start = d.day().atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = d.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (d.verified() && !start.isBefore(from) && !end.isAfter(to)) {
        copy.add(d);
      }
    }
    if (!copy.isEmpty()) {
      local.saveDayChecks(copy);
    }
    return copy.size();
  }
}
