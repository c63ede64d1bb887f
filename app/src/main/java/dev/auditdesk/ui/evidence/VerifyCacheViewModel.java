package dev.auditdesk.ui.evidence;

import dev.auditdesk.archive.ArchiveVerification;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheEvidence;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheVerification;
import dev.auditdesk.cache.ChainReport;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.ui.common.Messages;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Help ▸ Verify this cache: re-walks the session cache's hash chains (audit log and connection log)
 * on the background executor and publishes what it found on the FX thread: a headline and the
 * reports' sentences. On a window over the team archive it re-walks the archive's chain instead
 * (Help ▸ Verify this archive), ending with the link to keep outside the archive.
 */
public final class VerifyCacheViewModel {

  /** What the dialog shows. {@code whole} is false also when the cache could not be read. */
  public record Outcome(boolean whole, String headline, List<String> lines) {}

  private final Optional<CacheEvidence> evidence;
  private final Supplier<Outcome> verification;
  private final boolean archive;
  private final Executor background;
  private final Executor fx;
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>();

  /** {@code evidence} is empty for a cache without a chain (not an H2 cache). */
  public VerifyCacheViewModel(Optional<CacheEvidence> evidence, Executor background, Executor fx) {
    this.evidence = evidence;
    this.verification = () -> verifyCache(evidence);
    this.archive = false;
    this.background = background;
    this.fx = fx;
  }

  private VerifyCacheViewModel(
      PostgresArchive archive, NotedLinks noted, Executor background, Executor fx) {
    this.evidence = Optional.empty();
    this.verification = () -> verifyArchive(archive, noted);
    this.archive = true;
    this.background = background;
    this.fx = fx;
  }

  /**
   * The view model of a session's cache: its chains, or the team archive's chain, checked against
   * the link this computer noted for it ({@link NotedLinks} in {@code configDir}).
   */
  public static VerifyCacheViewModel of(
      AuditCache cache, Path configDir, Executor background, Executor fx) {
    if (cache instanceof PostgresArchive a) {
      return new VerifyCacheViewModel(a, new NotedLinks(configDir), background, fx);
    }
    return new VerifyCacheViewModel(
        cache instanceof H2AuditCache h ? Optional.of(h.evidence()) : Optional.empty(),
        background,
        fx);
  }

  /** Whether this verifies the team archive rather than a cache on this computer. */
  public boolean archive() {
    return archive;
  }

  /** The words of the menu item, the window's title and its "running" line. */
  public String text(String key) {
    return Messages.get((archive ? "verifyArchive." : "verifyCache.") + key);
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** The last verification's result; null until one finished. */
  public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
    return outcome.getReadOnlyProperty();
  }

  /** When the open of this cache built a chain (an upgrade): the sentences to show once. */
  public Optional<String> upgradeNotice() {
    List<String> said = new ArrayList<>();
    evidence
        .flatMap(CacheEvidence::builtOnThisOpen)
        .ifPresent(b -> said.add(Messages.get("verifyCache.upgraded", b.events())));
    evidence
        .flatMap(CacheEvidence::connectionsBuiltOnThisOpen)
        .ifPresent(b -> said.add(Messages.get("verifyCache.upgradedConnections", b.events())));
    evidence
        .flatMap(CacheEvidence::marksBuiltOnThisOpen)
        .ifPresent(b -> said.add(Messages.get("verifyCache.upgradedMarks", b.events())));
    return said.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", said));
  }

  /** Starts a verification unless one is running. Call on the FX thread. */
  public void verify() {
    if (running.get()) {
      return;
    }
    running.set(true);
    outcome.set(null);
    background.execute(
        () -> {
          Outcome o = verification.get();
          fx.execute(
              () -> {
                outcome.set(o);
                running.set(false);
              });
        });
  }

  private static Outcome verifyArchive(PostgresArchive archive, NotedLinks notes) {
    String key = archive.url().display();
    Optional<NotedLinks.Noted> noted = notes.get(key);
    try {
      ArchiveVerification v = archive.verify(noted.map(NotedLinks.Noted::link));
      List<String> lines = new ArrayList<>(v.lines());
      noted.ifPresent(
          n ->
              lines.add(
                  v.whole()
                      ? Messages.get(
                          "verifyArchive.notedMatches",
                          String.valueOf(n.link().position()),
                          when(n))
                      : Messages.get("verifyArchive.notedKept", when(n))));
      if (v.whole() && v.end().isPresent()) {
        notes.put(key, v.end().get(), Instant.now());
        lines.add(Messages.get("verifyArchive.notedNow", v.end().get().text(), notes.file()));
      }
      String headline =
          v.whole()
              ? Messages.get("verifyArchive.whole")
              : Messages.get("verifyArchive.broken", v.chain().firstBadPosition());
      return new Outcome(v.whole(), headline, lines);
    } catch (CacheException | RuntimeException e) {
      return new Outcome(false, Messages.get("verifyArchive.failed"), List.of(e.getMessage()));
    }
  }

  private static String when(NotedLinks.Noted n) {
    return NOTED_AT.format(n.at());
  }

  private static final DateTimeFormatter NOTED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static Outcome verifyCache(Optional<CacheEvidence> evidence) {
    if (evidence.isEmpty()) {
      return new Outcome(false, Messages.get("verifyCache.unavailable"), List.of());
    }
    try {
      CacheVerification v = evidence.get().verify();
      return new Outcome(v.whole(), headline(v.auditLog(), v.connectionLog()), v.lines());
    } catch (CacheException | RuntimeException e) {
      return new Outcome(false, Messages.get("verifyCache.failed"), List.of(e.getMessage()));
    }
  }

  /** One sentence over both chains, naming each broken one with its first bad position. */
  private static String headline(ChainReport audit, ChainReport connections) {
    if (!audit.present() || !connections.present()) {
      return Messages.get("verifyCache.noChain");
    }
    if (audit.whole() && connections.whole()) {
      return Messages.get("verifyCache.whole");
    }
    if (!audit.whole() && !connections.whole()) {
      return Messages.get(
          "verifyCache.brokenBoth", audit.firstBadPosition(), connections.firstBadPosition());
    }
    return audit.whole()
        ? Messages.get("verifyCache.brokenConnections", connections.firstBadPosition())
        : Messages.get("verifyCache.broken", audit.firstBadPosition());
  }
}
