package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.DateRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Rule} over a cache and returns the findings newest first. Blocks on the cache:
 * call it off the JavaFX thread. Each rule narrows with the cache's indexed queries (only sign-ins,
 * only deletions, only the resource types that matter) and reads whole events only for what it
 * reports.
 */
public final class Insights {

  private static final Logger LOG = LoggerFactory.getLogger(Insights.class);

  private Insights() {}

  /** One group of rules that reads the cache once. */
  private record Step(String name, Supplier<List<Finding>> run) {}

  /**
   * The findings about events in {@code range} (rules that compare with the past, such as a new
   * address or the usual weekly rhythm, still learn from the whole cache).
   */
  public static List<Finding> run(
      AuditCache cache, InsightSettings settings, DateRange range, Instant now) {
    AdminRules admin = new AdminRules(cache, settings, range);
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("sign-ins", () -> new SignInRules(cache, settings, range).run()));
    steps.add(new Step("after hours", admin::offHours));
    steps.add(new Step("mass deletions", admin::massDeletions));
    steps.add(new Step("diffs", () -> new DiffRules(cache, range).run()));
    steps.add(new Step("silences", () -> new SilenceRule(cache, settings, range).run()));
    // The connection log is kept in the H2 file; other caches have none.
    if (cache instanceof H2AuditCache h2) {
      ConnectionLogCache log = h2.connections();
      steps.add(
          new Step("connections", () -> new ConnectionRules(log, settings, range, now).run()));
    }
    List<Finding> out = new ArrayList<>();
    StringBuilder timings = new StringBuilder();
    for (Step step : steps) {
      long t0 = System.nanoTime();
      out.addAll(step.run().get());
      timings
          .append(timings.isEmpty() ? "" : ", ")
          .append(step.name())
          .append(' ')
          .append((System.nanoTime() - t0) / 1_000_000)
          .append(" ms");
    }
    LOG.debug("insights over {}: {}", range, timings);
    out.sort(Finding::newestFirst);
    return List.copyOf(out);
  }
}
