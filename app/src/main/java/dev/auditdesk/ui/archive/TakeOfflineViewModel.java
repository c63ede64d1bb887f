package dev.auditdesk.ui.archive;

import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TakeOffline;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.JobState;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.filters.QueryText;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File ▸ Take offline… of a window on the team archive: which slice (the window's filters and
 * dates, or a preset), into which caches folder, then the copy with progress and cancel, or the
 * later check of that copy against the archive. Both run {@link TakeOffline}, as the command line
 * does.
 */
public final class TakeOfflineViewModel {

  /** Which days the slice holds. */
  public enum Dates {
    WINDOW(0),
    LAST_30_DAYS(30),
    LAST_90_DAYS(90),
    LAST_365_DAYS(365),
    ALL(0);

    final int days;

    Dates(int days) {
      this.days = days;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TakeOfflineViewModel.class);

  private final PostgresArchive archive;
  private final ObservableValue<AuditQuery> windowQuery;
  private final Supplier<Instant> now;
  private final Executor background;
  private final Executor fx;
  private final ObjectProperty<Dates> dates =
      new SimpleObjectProperty<>(this, "dates", Dates.WINDOW);
  private final BooleanProperty withFilters = new SimpleBooleanProperty(this, "withFilters", true);
  private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
  private final ReadOnlyStringWrapper sliceText = new ReadOnlyStringWrapper(this, "sliceText");
  private final JobState job = new JobState();
  private volatile AtomicBoolean cancel = new AtomicBoolean();

  /**
   * @param windowQuery the window's filters and dates, the default slice
   * @param cachesRoot where "Open offline" looks for caches: the default folder
   * @param now the clock of the "last N days" presets
   */
  public TakeOfflineViewModel(
      PostgresArchive archive,
      ObservableValue<AuditQuery> windowQuery,
      Path cachesRoot,
      Supplier<Instant> now,
      Executor background,
      Executor fx) {
    this.archive = archive;
    this.windowQuery = windowQuery;
    this.now = now;
    this.background = background;
    this.fx = fx;
    folder.set(cachesRoot.toString());
    dates.addListener((o, was, is) -> describe());
    withFilters.addListener((o, was, is) -> describe());
    windowQuery.addListener((o, was, is) -> describe());
    describe();
  }

  /** The events the copy or the check covers. */
  public AuditQuery slice() {
    AuditQuery window = windowQuery.getValue();
    AuditQuery q = withFilters.get() ? window : AuditQuery.ALL.withRange(window.range());
    return switch (dates.get()) {
      case WINDOW -> q;
      case ALL -> q.withRange(DateRange.ALL);
      default ->
          q.withRange(
              new DateRange(TakeOffline.lastDays(dates.get().days, now.get()), Instant.MAX));
    };
  }

  /** Copies the slice into the folder's cache of this deployment. Call on the FX thread. */
  public void start() {
    Path root = root();
    if (root == null || job.runningProperty().get()) {
      return;
    }
    AuditQuery slice = slice();
    AtomicBoolean stop = begin(Messages.get("takeOffline.counting"));
    long[] copied = {0};
    background.execute(
        () -> {
          String done;
          boolean bad = true;
          try {
            long expected = archive.count(slice);
            TakeOffline.Taken t =
                TakeOffline.intoCaches(
                    archive,
                    slice,
                    root,
                    n -> {
                      copied[0] = n;
                      fx.execute(() -> showProgress(n, expected));
                    },
                    stop::get);
            bad = !t.result().matches();
            done = tookText(t);
          } catch (CancellationException e) {
            done = Messages.get("takeOffline.cancelled", number(copied[0]));
          } catch (Exception e) {
            LOG.warn("Taking a slice of {} offline failed", archive.url().display(), e);
            done = Messages.get("takeOffline.failed", e.getMessage());
          }
          finish(done, bad && !stop.get());
        });
  }

  /** Compares the slice taken offline earlier with the archive now. Call on the FX thread. */
  public void check() {
    Path root = root();
    if (root == null || job.runningProperty().get()) {
      return;
    }
    AuditQuery slice = slice();
    begin(Messages.get("takeOffline.checking"));
    background.execute(
        () -> {
          String done;
          boolean bad = true;
          try {
            TakeOffline.Result r = TakeOffline.checkCaches(archive, slice, root);
            bad = !r.matches();
            done =
                r.matches()
                    ? Messages.get(
                        "takeOffline.check.same", number(r.localEvents()), r.daysCompared())
                    : differText("takeOffline.check.differs", r);
          } catch (Exception e) {
            LOG.warn("Checking an offline slice of {} failed", archive.url().display(), e);
            done = Messages.get("takeOffline.check.failed", e.getMessage());
          }
          finish(done, bad);
        });
  }

  /** Stops a running copy; what was copied stays in the offline cache. */
  public void cancel() {
    cancel.set(true);
  }

  private Path root() {
    String f = folder.get() == null ? "" : folder.get().trim();
    if (f.isEmpty()) {
      job.refuse(Messages.get("takeOffline.noFolder"));
      return null;
    }
    return Path.of(f);
  }

  private AtomicBoolean begin(String text) {
    cancel = new AtomicBoolean();
    job.begin(text);
    return cancel;
  }

  private void showProgress(long copied, long expected) {
    job.progress(
        expected <= 0 ? -1 : Math.min(1, copied / (double) expected),
        Messages.get("takeOffline.progress", number(copied), number(expected)));
  }

  private void finish(String text, boolean bad) {
    fx.execute(() -> job.end(text, bad, !bad));
  }

  private static String tookText(TakeOffline.Taken t) {
    TakeOffline.Result r = t.result();
    if (!r.matches()) {
      return differText("takeOffline.differs", r);
    }
    String text =
        Messages.get(
            "takeOffline.done", number(r.copied()), r.daysCompared(), t.folder().toString());
    return r.verifiedDaysCopied() == 0
        ? text
        : text + " " + Messages.get("takeOffline.verifiedDays", r.verifiedDaysCopied());
  }

  private static String differText(String key, TakeOffline.Result r) {
    TakeOffline.DayDifference first = r.differ().isEmpty() ? null : r.differ().get(0);
    return Messages.get(
        key,
        r.differ().size(),
        number(r.archiveEvents()),
        number(r.localEvents()),
        first == null ? "" : first.day().toString(),
        first == null ? "" : number(first.archive()),
        first == null ? "" : number(first.local()));
  }

  private void describe() {
    String q = QueryText.render(slice());
    sliceText.set(q.isBlank() ? Messages.get("takeOffline.slice.all") : q);
  }

  private static String number(long n) {
    return NumberFormat.getIntegerInstance().format(n);
  }

  public ObjectProperty<Dates> datesProperty() {
    return dates;
  }

  public BooleanProperty withFiltersProperty() {
    return withFilters;
  }

  public StringProperty folderProperty() {
    return folder;
  }

  /** The slice in the search box's language, or "every event". */
  public ReadOnlyStringProperty sliceTextProperty() {
    return sliceText.getReadOnlyProperty();
  }

  /** Whether a copy or check runs, how far it got, and what it found. */
  public JobState job() {
    return job;
  }
}
