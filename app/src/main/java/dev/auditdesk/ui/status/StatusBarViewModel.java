package dev.auditdesk.ui.status;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.ui.common.Messages;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache half of the status bar: whether the server is reachable, what the cache holds, how far
 * back it reaches compared with the server, what is verified, and its size on disk. The cache facts
 * are read on the background executor and published through {@code fx}. (The sync half is {@link
 * dev.auditdesk.ui.sync.SyncViewModel}.)
 */
public final class StatusBarViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(StatusBarViewModel.class);

  private final ObjectProperty<AuditCache> cache = new SimpleObjectProperty<>(this, "cache");
  private final ObjectProperty<CacheStats> stats = new SimpleObjectProperty<>(this, "stats");
  private final LongProperty onlyLocal = new SimpleLongProperty(this, "onlyLocal");
  private final BooleanProperty online = new SimpleBooleanProperty(this, "online");

  private final ReadOnlyStringWrapper onlineText = new ReadOnlyStringWrapper(this, "onlineText");
  private final ReadOnlyStringWrapper onlineTip = new ReadOnlyStringWrapper(this, "onlineTip");
  private final ReadOnlyStringWrapper sizeTip = new ReadOnlyStringWrapper(this, "sizeTip");
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
  private final Executor fx;
  private final ZoneId zone;
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param background reads the cache's statistics
   * @param fx where they are published: the FX thread
   */
  public StatusBarViewModel(Executor background, Executor fx, ZoneId zone) {
    this.background = background;
    this.fx = fx;
    this.zone = zone;
    cache.addListener(
        (o, was, now) -> {
          updateOnlineText();
          refreshCache();
        });
    online.addListener(o -> updateOnlineText());
    stats.addListener(o -> updateCacheTexts());
    onlyLocal.addListener(o -> updateCacheTexts());
    updateOnlineText();
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

  public BooleanProperty onlineProperty() {
    return online;
  }

  public ReadOnlyStringProperty onlineTextProperty() {
    return onlineText.getReadOnlyProperty();
  }

  /** What the connection label means: online, offline, or a window on the team archive. */
  public ReadOnlyStringProperty onlineTipProperty() {
    return onlineTip.getReadOnlyProperty();
  }

  /** What the size is the size of: this computer's cache, or the team archive's tables. */
  public ReadOnlyStringProperty sizeTipProperty() {
    return sizeTip.getReadOnlyProperty();
  }

  /** A window on the team archive: nothing here is this computer's cache. */
  public boolean archive() {
    AuditCache c = cache.get();
    return c != null && c.sharedArchive();
  }

  public ReadOnlyStringProperty cacheTextProperty() {
    return cacheText.getReadOnlyProperty();
  }

  /** "Verified complete through 30 Nov 2026", "3 days unverified", or "" before any sync. */
  public ReadOnlyStringProperty verifiedTextProperty() {
    return verifiedText.getReadOnlyProperty();
  }

  /** What the cache's completeness record proves; null until read. */
  public javafx.beans.property.ReadOnlyObjectProperty<dev.auditdesk.model.Completeness>
      completenessProperty() {
    return completeness.getReadOnlyProperty();
  }

  /** "" unless the server's retention is known; says when older events exist only here. */
  public ReadOnlyStringProperty retentionTextProperty() {
    return retentionText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty sizeTextProperty() {
    return sizeText.getReadOnlyProperty();
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
            fx.execute(
                () -> {
                  if (generation.get() == gen) {
                    completeness.set(proof);
                    stats.set(s);
                    onlyLocal.set(older);
                  }
                });
          } catch (RuntimeException e) {
            LOG.warn("Could not read the cache statistics", e);
          }
        });
  }

  private void updateOnlineText() {
    String key = online.get() ? "status.online" : archive() ? "status.archive" : "status.offline";
    onlineText.set(Messages.get(key));
    onlineTip.set(Messages.get(key + "Tip"));
    sizeTip.set(Messages.get(archive() ? "status.archive.size.tip" : "status.size.tip"));
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
    boolean archive = archive();
    cacheText.set(
        s.events() == 0
            ? Messages.get(archive ? "status.archive.empty" : "status.cache.empty")
            : Messages.get(
                archive ? "status.archive.events" : "status.cache",
                n.format(s.events()),
                date(s.oldest())));
    sizeText.set(
        Messages.get(archive ? "status.archive.size" : "status.size", bytes(s.bytesOnDisk())));
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
