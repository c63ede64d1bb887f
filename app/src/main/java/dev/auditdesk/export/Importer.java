package dev.auditdesk.export;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports audit files into a cache, in batches (upsert by id, so importing a file twice changes
 * nothing). Connection-log rows in the files go to the cache's connection log. Memory holds one
 * batch, whatever the file size.
 */
public final class Importer {

  /** At most this many skipped lines are listed; all are counted. */
  public static final int LISTED_BAD_LINES = 1000;

  private static final int BATCH = 1000;

  /**
   * What an import did. {@code duplicates}: events already in the cache or repeated in a file;
   * {@code badLines}: skipped; {@code badBytes}: lines read with bytes that were not valid text.
   * {@code connections}: what happened to the connection-log rows among them.
   */
  public record Report(
      int files,
      long read,
      long imported,
      long duplicates,
      long badLines,
      long badBytes,
      List<AuditFileReader.BadLine> listed,
      Connections connections) {}

  /**
   * Connection-log rows: {@code read} in the files, {@code imported} new to the cache, {@code
   * updated} already there and now changed (a session's end arrived), the rest the same as cached.
   */
  public record Connections(long read, long imported, long updated) {
    public long unchanged() {
      return read - imported - updated;
    }
  }

  /** Hears progress; may cancel between batches (what was imported stays imported). */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void progress(Path file, long eventsRead) {}

    default boolean cancelled() {
      return false;
    }
  }

  private final AuditCache cache;
  private final Listener listener;
  private final Map<String, AuditEvent> batch = new LinkedHashMap<>();
  private final List<ConnectionRow> rows = new ArrayList<>();
  private final List<AuditFileReader.BadLine> listed = new ArrayList<>();
  private long read;
  private long imported;
  private long duplicates;
  private long badLines;
  private long badBytes;
  private long rowsRead;
  private long rowsImported;
  private long rowsUpdated;
  private Path current;

  private Importer(AuditCache cache, Listener listener) {
    this.cache = cache;
    this.listener = listener;
  }

  /**
   * The offline deployment that imported data called {@code name} lives in: {@code import://NAME},
   * with the name reduced to what a host name may hold.
   */
  public static Deployment deploymentFor(String name) {
    String host =
        (name == null ? "" : name)
            .strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9.-]+", "-")
            .replaceAll("(^[-.]+|[-.]+$)", "");
    return new Deployment(URI.create("import://" + (host.isEmpty() ? "imported" : host)), "");
  }

  public static Report importFiles(AuditCache cache, List<Path> files, Listener listener)
      throws IOException, CacheException, InterruptedException {
    return new Importer(cache, listener).run(files);
  }

  private Report run(List<Path> files) throws IOException, CacheException, InterruptedException {
    int done = 0;
    for (Path f : files) {
      current = f;
      try {
        AuditFileReader.read(f, this::add, this::addRow, this::bad);
      } catch (Failure e) {
        if (e.getCause() instanceof CacheException c) {
          throw c;
        }
        throw new InterruptedException("The import was cancelled.");
      }
      flush();
      done++;
    }
    return new Report(
        done,
        read,
        imported,
        duplicates,
        badLines,
        badBytes,
        List.copyOf(listed),
        new Connections(rowsRead, rowsImported, rowsUpdated));
  }

  private void add(AuditEvent e) {
    read++;
    if (batch.put(e.id(), e) != null) {
      duplicates++;
    }
    if (batch.size() >= BATCH) {
      flushFromReader();
    }
  }

  private void addRow(ConnectionRow r) {
    rowsRead++;
    rows.add(r);
    if (rows.size() >= BATCH) {
      flushFromReader();
    }
  }

  private void flushFromReader() {
    try {
      flush();
    } catch (CacheException ex) {
      throw new Failure(ex);
    }
    listener.progress(current, read + rowsRead);
    if (listener.cancelled()) {
      throw new Failure(null);
    }
  }

  private void bad(AuditFileReader.BadLine b) {
    if (b.skipped()) {
      badLines++;
    } else {
      badBytes++;
    }
    if (listed.size() < LISTED_BAD_LINES) {
      listed.add(b);
    }
  }

  private void flush() throws CacheException {
    flushRows();
    if (batch.isEmpty()) {
      return;
    }
    int fresh = cache.upsert(List.copyOf(batch.values()));
    imported += fresh;
    duplicates += batch.size() - fresh;
    batch.clear();
  }

  private void flushRows() throws CacheException {
    if (rows.isEmpty()) {
      return;
    }
    if (!(cache instanceof H2AuditCache h2) || !h2.connections().present()) {
      throw new CacheException(
          CacheException.Problem.IO, "This cache cannot hold connection-log rows.", null);
    }
    ConnectionLogCache.Written w = h2.connections().upsert(rows);
    rowsImported += w.added();
    rowsUpdated += w.changed();
    rows.clear();
  }

  /** Unwinds the reader: a cache failure (cause set) or a cancel. */
  private static final class Failure extends RuntimeException {
    Failure(CacheException cause) {
      super(cause == null ? "cancelled" : cause.getMessage(), cause, false, false);
    }
  }
}
