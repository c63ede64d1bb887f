package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.DateRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link Rule} over a cache and returns the findings newest first. Blocks on the cache:
 * call it off the JavaFX thread. Each rule narrows with the cache's indexed queries (only sign-ins,
 * only deletions, only the resource types that matter) and reads whole events only for what it
 * reports.
 */
public final class Insights {

  private Insights() {}

  /**
   * The findings about events in {@code range} (rules that compare with the past, such as a new
   * address or the usual weekly rhythm, still learn from the whole cache).
   */
  public static List<Finding> run(
      AuditCache cache, InsightSettings settings, DateRange range, Instant now) {
    List<Finding> out = new ArrayList<>(new SignInRules(cache, settings, range).run());
    AdminRules admin = new AdminRules(cache, settings, range);
    out.addAll(admin.offHours());
    out.addAll(admin.massDeletions());
    out.addAll(new DiffRules(cache, range).run());
    out.addAll(new SilenceRule(cache, settings, range).run());
    // The connection log is kept in the H2 file; other caches have none.
    if (cache instanceof H2AuditCache h2) {
      ConnectionLogCache log = h2.connections();
      out.addAll(new ConnectionRules(log, settings, range, now).run());
    }
    out.sort(Finding::newestFirst);
    return List.copyOf(out);
  }
}
