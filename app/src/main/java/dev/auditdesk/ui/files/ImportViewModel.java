package dev.auditdesk.ui.files;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.export.Importer;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Imports audit files (AuditDesk exports, saved API responses, server logs) into the cache of an
 * offline deployment named {@code import://NAME}, in the background, and reports what happened.
 */
public final class ImportViewModel {

  /** A cache to import into; {@code owned} ones are closed after the import. */
  public record Lease(AuditCache cache, boolean owned) {}

  /** Opens the cache of a deployment, or lends the one the window already has open. */
  @FunctionalInterface
  public interface CacheOpener {
    Lease open(Deployment deployment) throws CacheException;
  }

  private final CacheOpener opener;
  private final Consumer<Deployment> onImported;
  private final Executor executor;
  private final Executor fx;
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private final ReadOnlyObjectWrapper<Importer.Report> report =
      new ReadOnlyObjectWrapper<>(this, "report");
  private AtomicBoolean cancelRequested = new AtomicBoolean();

  /**
   * @param onImported told (on the FX thread) which deployment now holds the imported events
   * @param executor reads the files and writes the cache
   * @param fx where progress and the outcome are published: the FX thread
   */
  public ImportViewModel(
      CacheOpener opener, Consumer<Deployment> onImported, Executor executor, Executor fx) {
    this.opener = opener;
    this.onImported = onImported;
    this.executor = executor;
    this.fx = fx;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Why the last import stopped (failure or cancel); empty after a successful one. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Importer.Report> reportProperty() {
    return report.getReadOnlyProperty();
  }

  /** The offline deployment that imported data called {@code name} lives in. */
  public static Deployment deploymentFor(String name) {
    return Importer.deploymentFor(name);
  }

  /** A name for imported data, from the first file's name. */
  public static String suggestName(List<Path> files) {
    if (files.isEmpty()) {
      return "imported";
    }
    String n = files.get(0).getFileName().toString();
    int dot = n.indexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  public void start(List<Path> files, String name) {
    if (running.get() || files.isEmpty()) {
      return;
    }
    Deployment deployment = deploymentFor(name);
    AtomicBoolean cancelled = new AtomicBoolean();
    cancelRequested = cancelled;
    running.set(true);
    report.set(null);
    problem.set("");
    status.set("");
    executor.execute(
        () -> {
          try {
            Importer.Report r = importInto(deployment, files, cancelled);
            fx.execute(() -> succeeded(r, deployment));
          } catch (Exception e) {
            fx.execute(() -> failed(cancelled.get() ? null : e));
          }
        });
  }

  private Importer.Report importInto(Deployment d, List<Path> files, AtomicBoolean cancelled)
      throws Exception {
    Lease lease = opener.open(d);
    try {
      return Importer.importFiles(
          lease.cache(),
          files,
          new Importer.Listener() {
            @Override
            public void progress(Path file, long read) {
              String text = Messages.get("import.progress", read, file.getFileName().toString());
              fx.execute(
                  () -> {
                    if (running.get()) {
                      status.set(text);
                    }
                  });
            }

            @Override
            public boolean cancelled() {
              return cancelled.get();
            }
          });
    } finally {
      if (lease.owned()) {
        lease.cache().close();
      }
    }
  }

  private void succeeded(Importer.Report r, Deployment deployment) {
    running.set(false);
    report.set(r);
    status.set(
        describe(r)
            + System.lineSeparator()
            + Messages.get("import.where", deployment.url().toString()));
    onImported.accept(deployment);
  }

  /**
   * @param e why it stopped; null when the user cancelled
   */
  private void failed(Exception e) {
    running.set(false);
    status.set(
        e == null
            ? Messages.get("import.cancelled")
            : Messages.get(
                "import.failed", e.getMessage() == null ? e.toString() : e.getMessage()));
    problem.set(status.get());
  }

  public void cancel() {
    if (running.get()) {
      cancelRequested.set(true);
    }
  }

  /** The report in plain words, with the first skipped lines. */
  public static String describe(Importer.Report r) {
    StringBuilder b =
        new StringBuilder(
            Messages.get("import.done", r.imported(), r.duplicates(), r.badLines(), r.files()));
    Importer.Connections c = r.connections();
    if (c != null && c.read() > 0) {
      b.append(System.lineSeparator())
          .append(Messages.get("import.connections", c.imported(), c.updated(), c.unchanged()));
    }
    if (r.badBytes() > 0) {
      b.append(System.lineSeparator()).append(Messages.get("import.badBytes", r.badBytes()));
    }
    r.listed().stream().limit(20).forEach(bad -> b.append(System.lineSeparator()).append(bad));
    if (r.listed().size() > 20) {
      b.append(System.lineSeparator())
          .append(Messages.get("import.moreBadLines", r.badLines() + r.badBytes() - 20));
    }
    return b.toString();
  }
}
