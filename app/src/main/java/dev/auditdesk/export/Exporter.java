package dev.auditdesk.export;

import dev.auditdesk.Version;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Exports every event of a view, in the view's order, to a file plus its manifest. Events are
 * streamed from the cache one at a time, so memory does not grow with the export. The file is
 * written under a temporary name beside the target and moved into place only when complete: a
 * cancelled or failed export leaves nothing under the final name (and an older file there intact).
 */
public final class Exporter {

  /** Anything that can stream events in order: the cache, or a list in a test. */
  @FunctionalInterface
  public interface EventSource {
    void forEach(Consumer<AuditEvent> consumer);
  }

  /** What to export and where. */
  public record Request(AuditQuery query, SortOrder order, ExportFormat format, Path out) {}

  /** Where the events came from, for the manifest. */
  public record Origin(
      Deployment deployment,
      Instant cacheLastSync,
      long cacheEvents,
      java.util.Map<java.time.LocalDate, dev.auditdesk.model.DayCheck> completenessRecord,
      boolean historyRead) {

    /** A source without a completeness record (an imported file): nothing is verified. */
    public Origin(Deployment deployment, Instant cacheLastSync, long cacheEvents) {
      this(deployment, cacheLastSync, cacheEvents, java.util.Map.of(), false);
    }
  }

  private static final int CHECK_EVERY = 256;

  private Exporter() {}

  /** Exports the matching events of {@code cache}; blocks, so run it off the FX thread. */
  public static ExportResult export(AuditCache cache, Request request, ExportListener listener)
      throws IOException, ExportCancelledException {
    long expected = cache.count(request.query());
    CacheStats stats = cache.stats();
    return export(
        consumer -> cache.forEach(request.query(), request.order(), consumer),
        expected,
        new Origin(
            cache.deployment(),
            stats.lastSync(),
            stats.events(),
            cache.dayChecks(),
            cache.syncState().historyComplete()),
        request,
        listener);
  }

  public static ExportResult export(
      EventSource source, long expected, Origin origin, Request request, ExportListener listener)
      throws IOException, ExportCancelledException {
    Path out = request.out().toAbsolutePath();
    if (Files.isDirectory(out)) {
      throw new IOException(out + " is a folder; choose a file name to export to.");
    }
    Instant created = Instant.now();
    String coderQuery = filterText(request.query());
    ExportDescription description =
        new ExportDescription(
            origin.deployment().label().isEmpty()
                ? origin.deployment().url().toString()
                : origin.deployment().label(),
            coderQuery.isEmpty() ? "all events" : coderQuery,
            QueryJson.describe(request.order()),
            created);
    MessageDigest sha = sha256();
    Path temp = AtomicFiles.tempBeside(out);
    Path manifestTemp = null;
    Path signatureTemp = null;
    Stats stats = new Stats();
    try {
      try (OutputStream file = Files.newOutputStream(temp);
          DigestOutputStream digest =
              new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha);
          Writer w =
              new BufferedWriter(new OutputStreamWriter(digest, StandardCharsets.UTF_8), 1 << 16)) {
        EventWriter writer = EventWriter.of(request.format(), w, description);
        writer.begin();
        try {
          source.forEach(
              e -> {
                try {
                  writer.write(e);
                } catch (IOException ex) {
                  throw new Stop(ex);
                }
                stats.add(e);
                if (stats.rows % CHECK_EVERY == 0) {
                  if (listener.cancelled()) {
                    throw new Stop(null);
                  }
                  if (stats.rows % (CHECK_EVERY * 16) == 0) {
                    listener.progress(stats.rows, expected);
                  }
                }
              });
        } catch (RuntimeException e) {
          Stop s = stopIn(e);
          if (s == null) {
            throw e;
          }
          if (s.getCause() instanceof IOException io) {
            throw io;
          }
          throw new ExportCancelledException();
        }
        if (listener.cancelled()) {
          throw new ExportCancelledException();
        }
        writer.finish();
      }
      long bytes = Files.size(temp);
      if (!listener.commit()) {
        throw new ExportCancelledException();
      }
      ExportManifest manifest =
          new ExportManifest(
              out.getFileName().toString(),
              request.format(),
              HexFormat.of().formatHex(sha.digest()),
              bytes,
              stats.rows,
              origin.deployment(),
              request.query(),
              coderQuery,
              request.order(),
              stats.oldest == null ? Instant.EPOCH : stats.oldest,
              stats.newest == null ? Instant.EPOCH : stats.newest,
              created,
              Version.version(),
              origin.cacheLastSync() == null ? Instant.EPOCH : origin.cacheLastSync(),
              origin.cacheEvents(),
              ExportCoverage.of(origin.completenessRecord(), origin.historyRead(), stats.days),
              null);
      Path manifestFile = ExportManifest.pathFor(out);
      Path signatureFile = ManifestSignature.pathFor(manifestFile);
      // All are complete beside their final names before any replaces an older file, so a
      // manifest that cannot be written or signed leaves the previous export untouched.
      manifestTemp = AtomicFiles.tempBeside(manifestFile);
      signatureTemp = AtomicFiles.tempBeside(signatureFile);
      manifest.writeSigned(manifestTemp, signatureTemp, InstallationKey.installation());
      AtomicFiles.move(temp, out);
      try {
        AtomicFiles.move(manifestTemp, manifestFile);
        AtomicFiles.move(signatureTemp, signatureFile);
      } catch (IOException e) {
        dropStaleManifest(manifestFile);
        dropStaleManifest(signatureFile);
        throw new IOException(
            "The export "
                + out
                + " is complete, but its manifest could not be saved as "
                + manifestFile
                + " ("
                + e.getMessage()
                + "), so it cannot be verified.",
            e);
      }
      listener.progress(stats.rows, expected);
      return new ExportResult(out, manifestFile, manifest);
    } finally {
      Files.deleteIfExists(temp);
      if (manifestTemp != null) {
        Files.deleteIfExists(manifestTemp);
      }
      if (signatureTemp != null) {
        Files.deleteIfExists(signatureTemp);
      }
    }
  }

  /** The new export is complete; an older manifest beside it would only make verify cry foul. */
  private static void dropStaleManifest(Path manifestFile) {
    try {
      Files.deleteIfExists(manifestFile);
    } catch (IOException notAFile) {
      // Whatever sits there is not our manifest; the error the caller gets says so.
    }
  }

  /** The cache may wrap what the consumer threw; find our own signal inside. */
  private static Stop stopIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Stop s) {
        return s;
      }
    }
    return null;
  }

  /**
   * The filter in Coder's search language (with AuditDesk's extensions, so it reads back exactly),
   * as manifests and report titles state it.
   */
  public static String filterText(AuditQuery query) {
    return CoderQuery.render(query);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no SHA-256", e);
    }
  }

  private static final class Stats {
    long rows;
    Instant oldest;
    Instant newest;
    final java.util.Set<java.time.LocalDate> days = new java.util.HashSet<>();
    private long lastDay = Long.MIN_VALUE;

    void add(AuditEvent e) {
      rows++;
      Instant t = e.time();
      long day = Math.floorDiv(t.getEpochSecond(), 86_400);
      if (day != lastDay) { // most exports run in time order: a day is added once, not per event
        days.add(java.time.LocalDate.ofEpochDay(day));
        lastDay = day;
      }
      if (oldest == null || t.isBefore(oldest)) {
        oldest = t;
      }
      if (newest == null || t.isAfter(newest)) {
        newest = t;
      }
    }
  }

  /** Unwinds the cache's forEach: an I/O failure (cause set) or a cancel (no cause). */
  private static final class Stop extends RuntimeException {
    Stop(IOException cause) {
      super(cause == null ? "cancelled" : cause.getMessage(), cause, false, false);
    }
  }
}
