package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.SortOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the whole events behind a finding. Rules scan summaries, which carry no ids; once a rule
 * knows when its pattern happened, the few events in that narrow window are read in full.
 */
final class Lookup {

  private static final SortOrder OLDEST_FIRST =
      new SortOrder(dev.auditdesk.model.SortColumn.TIME, true);

  private Lookup() {}

  /** The events matching {@code q} and {@code keep} from {@code from} to {@code to} inclusive. */
  static List<AuditEvent> events(
      AuditCache cache, AuditQuery q, Instant from, Instant to, Predicate<AuditEvent> keep) {
    List<AuditEvent> out = new ArrayList<>();
    // Newest first is the order a cache narrows by time range; oldest first would scan it all.
    cache.forEach(
        q.withRange(new DateRange(from, to.plusNanos(1000))),
        SortOrder.NEWEST_FIRST,
        e -> {
          if (keep.test(e)) {
            out.add(e);
          }
        });
    java.util.Collections.reverse(out);
    return out;
  }

  static List<String> ids(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::id).toList();
  }

  static SortOrder oldestFirst() {
    return OLDEST_FIRST;
  }
}
