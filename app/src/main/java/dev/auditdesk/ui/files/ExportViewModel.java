package dev.auditdesk.ui.files;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.export.ConnectionExporter;
import dev.auditdesk.export.ExportCancelledException;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportListener;
import dev.auditdesk.export.ExportResult;
import dev.auditdesk.export.Exporter;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.common.JobState;
import dev.auditdesk.ui.common.Messages;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * Exports the window's current view (its filter and sort, all matching events) in the background,
 * with progress and cancel. The view binds to these properties; nothing here touches a control.
 */
public final class ExportViewModel {

  private final Supplier<AuditCache> cache;
  private final ObservableValue<AuditQuery> query;
  private final ObservableValue<SortOrder> sort;
  private final Executor executor;
  private final Executor fx;

  private final ObjectProperty<ExportFormat> format =
      new SimpleObjectProperty<>(this, "format", ExportFormat.CSV);
  private final StringProperty file = new SimpleStringProperty(this, "file", "");
  private final JobState job = new JobState();
  private final ReadOnlyObjectWrapper<ExportResult> result =
      new ReadOnlyObjectWrapper<>(this, "result");
  private AtomicBoolean cancelRequested = new AtomicBoolean();
  // Whether the running export may still be cancelled: cancel and the file's final rename race.
  private static final int RUNNING = 0;
  private static final int COMMITTED = 1;
  private static final int CANCELLED = 2;
  private AtomicInteger phase = new AtomicInteger(CANCELLED);
  private ObservableValue<Boolean> connectionsShown = new SimpleBooleanProperty(false);
  private ConnectionLogCache connectionLog;
  private ObservableValue<ConnectionQuery> connectionQuery;

  /**
   * @param cache the cache the window shows (asked when an export starts)
   * @param query the window's current filter
   * @param sort the window's current sort
   * @param executor runs the export off the FX thread
   * @param fx where progress and the outcome are published: the FX thread
   */
  public ExportViewModel(
      Supplier<AuditCache> cache,
      ObservableValue<AuditQuery> query,
      ObservableValue<SortOrder> sort,
      Executor executor,
      Executor fx) {
    this.cache = cache;
    this.query = query;
    this.sort = sort;
    this.executor = executor;
    this.fx = fx;
    format.addListener((o, was, now) -> file.set(withExtension(file.get(), was, now)));
  }

  /**
   * While {@code shown} is true the window shows the connection log, so an export writes its rows
   * matching {@code query} instead of audit events.
   */
  public void exportConnectionsWhile(
      ObservableValue<Boolean> shown,
      ConnectionLogCache log,
      ObservableValue<ConnectionQuery> query) {
    this.connectionsShown = shown;
    this.connectionLog = log;
    this.connectionQuery = query;
  }

  private boolean exportsConnections() {
    return connectionLog != null && Boolean.TRUE.equals(connectionsShown.getValue());
  }

  public ObjectProperty<ExportFormat> formatProperty() {
    return format;
  }

  /** The file to write, as typed or chosen. */
  public StringProperty fileProperty() {
    return file;
  }

  /** Whether an export runs, how far it got, and what it says. */
  public JobState job() {
    return job;
  }

  public ReadOnlyObjectProperty<ExportResult> resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** What the dialog says it will export: the audit view's filter or the connection log's. */
  public String headerText() {
    return exportsConnections()
        ? Messages.get("export.header.connections")
        : Messages.get("export.header", filterText());
  }

  /** The filter being exported, in Coder's search language, for the dialog's header. */
  public String filterText() {
    String q = Exporter.filterText(query.getValue());
    return q.isEmpty() ? Messages.get("export.filter.all") : q;
  }

  /** Proposes a file name in {@code dir} for the current format. */
  public void proposeFile(Path dir) {
    if (file.get().isBlank()) {
      String name = exportsConnections() ? "connection-log." : "audit-log.";
      file.set(dir.resolve(name + format.get().extension()).toString());
    }
  }

  /** Starts the export; call on the FX thread. Returns false (with a status) if it cannot. */
  public boolean start() {
    if (job.runningProperty().get()) {
      return false;
    }
    String target = file.get() == null ? "" : file.get().trim();
    if (target.isEmpty()) {
      fail(Messages.get("export.error.noFile"));
      return false;
    }
    if (exportsConnections()) {
      return startConnections(Path.of(target).toAbsolutePath());
    }
    AuditCache c = cache.get();
    if (c == null) {
      fail(Messages.get("export.error.noCache"));
      return false;
    }
    Exporter.Request request =
        new Exporter.Request(
            query.getValue(), sort.getValue(), format.get(), Path.of(target).toAbsolutePath());
    run(
        (phase, cancelled) -> Exporter.export(c, request, listener(phase, cancelled)),
        "export.done");
    return true;
  }

  /** The connection log's export: one pass, a manifest beside it, cancellable until the end. */
  private boolean startConnections(Path target) {
    ExportFormat f = format.get();
    if (f == ExportFormat.HTML) {
      fail(Messages.get("export.error.connectionsHtml"));
      return false;
    }
    AuditCache c = cache.get();
    if (c == null) {
      fail(Messages.get("export.error.noCache"));
      return false;
    }
    ConnectionLogCache log = connectionLog;
    ConnectionQuery q = connectionQuery.getValue();
    run(
        (phase, cancelled) ->
            ConnectionExporter.export(log, c.deployment(), q, f, target, cancelled::get),
        "export.connections.done");
    return true;
  }

  /** One export's work on the executor, handed the phase and cancel flags it runs under. */
  private interface ExportWork {
    ExportResult run(AtomicInteger phase, AtomicBoolean cancelled) throws Exception;
  }

  /**
   * Runs one export (audit or connection log) off the FX thread: resets the state, then reports
   * success with {@code doneKey}, a cancel, or a failure (a failure after Cancel reads as
   * cancelled).
   */
  private void run(ExportWork work, String doneKey) {
    AtomicInteger phase = new AtomicInteger(RUNNING);
    AtomicBoolean cancelled = new AtomicBoolean();
    this.phase = phase;
    this.cancelRequested = cancelled;
    result.set(null);
    job.begin("");
    executor.execute(
        () -> {
          try {
            ExportResult r = work.run(phase, cancelled);
            fx.execute(() -> succeeded(r, doneKey));
          } catch (ExportCancelledException e) {
            fx.execute(this::cancelled);
          } catch (Exception e) {
            fx.execute(
                () -> {
                  if (cancelled.get()) {
                    cancelled();
                  } else {
                    job.end(Messages.get("export.failed", message(e)), true, false);
                  }
                });
          }
        });
  }

  private ExportListener listener(AtomicInteger phase, AtomicBoolean cancelled) {
    return new ExportListener() {
      @Override
      public void progress(long written, long expected) {
        long of = Math.max(expected, written);
        double f = of == 0 ? -1 : (double) written / of;
        String text = Messages.get("export.progress", written, expected);
        fx.execute(() -> job.progress(f, text));
      }

      @Override
      public boolean cancelled() {
        return cancelled.get();
      }

      @Override
      public boolean commit() {
        return phase.compareAndSet(RUNNING, COMMITTED);
      }
    };
  }

  private void succeeded(ExportResult r, String doneKey) {
    result.set(r);
    job.end(
        Messages.get(
            doneKey,
            r.manifest().rows(),
            r.file().getFileName().toString(),
            r.manifestFile().getFileName().toString()),
        false,
        true);
  }

  private void cancelled() {
    job.end(Messages.get("export.cancelled"), false, false);
  }

  /**
   * Stops a running export; no file is left under the chosen name. Once the file is complete and
   * taking its name, the export finishes instead and says so.
   */
  public void cancel() {
    if (job.runningProperty().get() && phase.compareAndSet(RUNNING, CANCELLED)) {
      cancelRequested.set(true);
    }
  }

  private void fail(String message) {
    job.refuse(message);
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** Swaps a known export extension for the new format's, so the name matches the content. */
  static String withExtension(String file, ExportFormat was, ExportFormat now) {
    if (file == null || file.isBlank() || was == null || now == null) {
      return file;
    }
    String suffix = "." + was.extension();
    if (file.toLowerCase(Locale.ROOT).endsWith(suffix)) {
      return file.substring(0, file.length() - suffix.length()) + "." + now.extension();
    }
    return file;
  }
}
