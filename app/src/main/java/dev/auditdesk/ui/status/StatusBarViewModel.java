package dev.auditdesk.ui.status;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status line at the bottom: where the sync stands, whether the server is reachable, what the
 * cache holds, how far back it reaches compared with the server, and its size on disk. The window
 * feeds the sync facts in; the cache facts are read here, off the JavaFX thread.
 */
public final class StatusBarViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(StatusBarViewModel.class);

  private final ObjectProperty<AuditCache> cache = new SimpleObjectProperty<>(this, "cache");
  private final ObjectProperty<CacheStats> stats = new SimpleObjectProperty<>(this, "stats");
  private final LongProperty onlyLocal = new SimpleLongProperty(this, "onlyLocal");
  private final BooleanProperty syncing = new SimpleBooleanProperty(this, "syncing");
  private final LongProperty syncedEvents = new SimpleLongProperty(this, "syncedEvents");
  private final DoubleProperty eventsPerSecond = new SimpleDoubleProperty(this, "eventsPerSecond");
  private final StringProperty syncError = new SimpleStringProperty(this, "syncError", "");
  private final ObjectProperty<Instant> lastSync =
      new SimpleObjectProperty<>(this, "lastSync", Instant.EPOCH);
  private final BooleanProperty online = new SimpleBooleanProperty(this, "online");

  private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper(this, "syncText", "");
  private final ReadOnlyStringWrapper onlineText = new ReadOnlyStringWrapper(this, "onlineText");
  private final ReadOnlyStringWrapper cacheText = new ReadOnlyStringWrapper(this, "cacheText", "");
  private Runnable onVerifyAll;
  private final ReadOnlyStringWrapper verifiedText =
      new ReadOnlyStringWrapper(this, "verifiedText", "");
  private final javafx.beans.property.ReadOnlyObjectWrapper<dev.auditdesk.model.Completeness>
      completeness = new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "completeness");
  private final ReadOnlyStringWrapper retentionText =
      new ReadOnlyStringWrapper(this, "retentionText", "");
  private final ReadOnlyStringWrapper sizeText = new ReadOnlyStringWrapper(this, "sizeText", "");

  private final Executor background;
  private final Consumer<Runnable> fxThread;
  private final Clock clock;
  private final ZoneId zone;
  private final AtomicLong generation = new AtomicLong();
  private Runnable onCancel = () -> {};
  private Runnable onSyncNow = () -> {};

  public StatusBarViewModel(Executor background, Clock clock, ZoneId zone) {
    this(background, Platform::runLater, clock, zone);
  }

  StatusBarViewModel(Executor background, Consumer<Runnable> fxThread, Clock clock, ZoneId zone) {
    this.background = background;
    this.fxThread = fxThread;
    this.clock = clock;
    this.zone = zone;
    cache.addListener((o, was, now) -> refreshCache());
    for (javafx.beans.Observable p :
        new javafx.beans.Observable[] {
          syncing, syncedEvents, eventsPerSecond, syncError, lastSync, online
        }) {
      p.addListener(o -> updateSyncTexts());
    }
    stats.addListener(o -> updateCacheTexts());
    onlyLocal.addListener(o -> updateCacheTexts());
    updateSyncTexts();
    updateCacheTexts();
  }

  public ObjectProperty<AuditCache> cacheProperty() {
    return cache;
  }

  public ObjectProperty<CacheStats> statsProperty() {
    return stats;
  }

  /** Cached events older than the server's oldest: they exist only in this cache. */
  public javafx.beans.property.ReadOnlyLongProperty onlyLocalProperty() {
    return onlyLocal;
  }

  public BooleanProperty syncingProperty() {
    return syncing;
  }

  public LongProperty syncedEventsProperty() {
    return syncedEvents;
  }

  public DoubleProperty eventsPerSecondProperty() {
    return eventsPerSecond;
  }

  /** The plain-words message of the last failed sync; "" when the last sync went well. */
  public StringProperty syncErrorProperty() {
    return syncError;
  }

  public ObjectProperty<Instant> lastSyncProperty() {
    return lastSync;
  }

  public BooleanProperty onlineProperty() {
    return online;
  }

  public ReadOnlyStringProperty syncTextProperty() {
    return syncText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty onlineTextProperty() {
    return onlineText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty cacheTextProperty() {
    return cacheText.getReadOnlyProperty();
  }

  /** "" unless the server's retention is known; says when older events exist only here. */
  /** "Verified complete through 30 Nov 2026", "3 days unverified", or "" before any sync. */
  public ReadOnlyStringProperty verifiedTextProperty() {
    return verifiedText.getReadOnlyProperty();
  }

  /** What the cache's completeness record proves; null until read. */
  public javafx.beans.property.ReadOnlyObjectProperty<dev.auditdesk.model.Completeness>
      completenessProperty() {
    return completeness.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty retentionTextProperty() {
    return retentionText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty sizeTextProperty() {
    return sizeText.getReadOnlyProperty();
  }

  public void setOnCancel(Runnable r) {
    onCancel = r;
  }

  public void setOnVerifyAll(Runnable r) {
    onVerifyAll = r;
  }

  /** Checks every day against the server (Sync ▸ Verify all); nothing offline. */
  public void verifyAll() {
    if (onVerifyAll != null && online.get()) {
      onVerifyAll.run();
    }
  }

  public void setOnSyncNow(Runnable r) {
    onSyncNow = r;
  }

  public void cancel() {
    onCancel.run();
  }

  /** Sync now (F5) or retry after an error. */
  public void syncNow() {
    onSyncNow.run();
  }

  /** Re-reads relative times ("2 min ago"); the view calls this on a timer. */
  public void tick() {
    updateSyncTexts();
  }

  /** Reads the cache's statistics again (after a sync, an import, a switch). */
  public void refreshCache() {
    AuditCache c = cache.get();
    long gen = generation.incrementAndGet();
    if (c == null) {
      stats.set(null);
      onlyLocal.set(0);
      return;
    }
    background.execute(
        () -> {
          try {
            CacheStats s = c.stats();
            dev.auditdesk.model.Completeness proof = c.completeness();
            long older =
                s.serverOldest().equals(Instant.EPOCH) || !s.oldest().isBefore(s.serverOldest())
                    ? 0
                    : c.count(
                        AuditQuery.ALL.withRange(new DateRange(Instant.MIN, s.serverOldest())));
            fxThread.accept(
                () -> {
                  if (generation.get() == gen) {
                    completeness.set(proof);
                    stats.set(s);
                    onlyLocal.set(older);
                    if (lastSync.get().equals(Instant.EPOCH)) {
                      lastSync.set(s.lastSync());
                    }
                  }
                });
          } catch (RuntimeException e) {
            LOG.warn("Could not read the cache statistics", e);
          }
        });
  }

  private void updateSyncTexts() {
    NumberFormat n = NumberFormat.getIntegerInstance();
    onlineText.set(Messages.get(online.get() ? "status.online" : "status.offline"));
    if (syncing.get()) {
      syncText.set(
          eventsPerSecond.get() > 0
              ? Messages.get(
                  "status.syncing.rate",
                  n.format(syncedEvents.get()),
                  n.format(Math.round(eventsPerSecond.get())))
              : Messages.get("status.syncing", n.format(syncedEvents.get())));
    } else if (!syncError.get().isEmpty()) {
      syncText.set(Messages.get("status.syncFailed", syncError.get()));
    } else if (lastSync.get().equals(Instant.EPOCH)) {
      syncText.set(Messages.get("status.neverSynced"));
    } else {
      syncText.set(Messages.get("status.synced", ago(lastSync.get())));
    }
  }

  private void updateVerifiedText() {
    dev.auditdesk.model.Completeness c = completeness.get();
    if (c == null || (!c.historyRead() && c.unverified().isEmpty())) {
      verifiedText.set(c == null ? "" : Messages.get("status.notVerified"));
    } else if (!c.unverified().isEmpty()) {
      int n = c.unverified().size();
      verifiedText.set(
          n == 1
              ? Messages.get("status.unverified.one")
              : Messages.get("status.unverified", NumberFormat.getIntegerInstance().format(n)));
    } else if (c.verifiedThrough() != null) {
      verifiedText.set(
          Messages.get(
              "status.verified",
              DateTimeFormatter.ofPattern("d MMM yyyy", Locale.getDefault())
                  .format(c.verifiedThrough())));
    } else {
      verifiedText.set(Messages.get("status.notVerified"));
    }
  }

  private void updateCacheTexts() {
    updateVerifiedText();
    CacheStats s = stats.get();
    NumberFormat n = NumberFormat.getIntegerInstance();
    if (s == null) {
      cacheText.set("");
      retentionText.set("");
      sizeText.set("");
      return;
    }
    cacheText.set(
        s.events() == 0
            ? Messages.get("status.cache.empty")
            : Messages.get("status.cache", n.format(s.events()), date(s.oldest())));
    sizeText.set(Messages.get("status.size", bytes(s.bytesOnDisk())));
    if (s.serverOldest().equals(Instant.EPOCH) || s.events() == 0) {
      retentionText.set("");
    } else if (onlyLocal.get() > 0) {
      retentionText.set(
          Messages.get(
              "status.retention.onlyHere", n.format(onlyLocal.get()), date(s.serverOldest())));
    } else {
      retentionText.set(Messages.get("status.retention.all", date(s.serverOldest())));
    }
  }

  /** "just now", "2 min ago", "3 h ago", "yesterday", else the date. */
  String ago(Instant t) {
    Duration d = Duration.between(t, clock.instant());
    if (d.toMinutes() < 1) {
      return Messages.get("time.justNow");
    }
    if (d.toHours() < 1) {
      return Messages.get("time.minutesAgo", d.toMinutes());
    }
    if (d.toDays() < 1) {
      return Messages.get("time.hoursAgo", d.toHours());
    }
    if (d.toDays() < 2) {
      return Messages.get("time.yesterday");
    }
    return Messages.get("time.on", date(t));
  }

  private String date(Instant t) {
    return DateTimeFormatter.ofPattern("d MMM yyyy", Locale.getDefault()).format(t.atZone(zone));
  }

  static String bytes(long b) {
    if (b < 1024) {
      return Messages.get("size.bytes", b);
    }
    double kb = b / 1024.0;
    if (kb < 1024) {
      return Messages.get("size.kb", Math.round(kb));
    }
    double mb = kb / 1024.0;
    if (mb < 1024) {
      return Messages.get("size.mb", mb < 10 ? Math.round(mb * 10) / 10.0 : Math.round(mb));
    }
    return Messages.get("size.gb", Math.round(mb / 1024.0 * 10) / 10.0);
  }
}
