package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.Histogram;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.SortOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stretches without any event in hours that are usually busy: an outage, or audit logging turned
 * off. "Usual" is the mean number of events of each hour of the week over the whole history; a gap
 * of at least {@link InsightSettings#silenceMinimum()} whose hours together usually hold {@link
 * InsightSettings#silenceExpected()} events or more is a finding.
 */
final class SilenceRule {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final int WEEK_HOURS = 7 * 24;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final AuditCache cache;
  private final InsightSettings settings;
  private final DateRange range;

  SilenceRule(AuditCache cache, InsightSettings settings, DateRange range) {
    this.cache = cache;
    this.settings = settings;
    this.range = range;
  }

  List<Finding> run() {
    List<Histogram.Bucket> b = cache.histogram(AuditQuery.ALL, HOUR).buckets();
    double[] sum = new double[WEEK_HOURS];
    int[] seen = new int[WEEK_HOURS];
    for (Histogram.Bucket x : b) {
      int slot = slot(x.start());
      sum[slot] += x.total();
      seen[slot]++;
    }
    double[] usual = new double[WEEK_HOURS];
    for (int s = 0; s < WEEK_HOURS; s++) {
      usual[s] = seen[s] == 0 ? 0 : sum[s] / seen[s];
    }
    List<Finding> out = new ArrayList<>();
    int k = 0;
    while (k < b.size()) {
      if (b.get(k).total() > 0) {
        k++;
        continue;
      }
      int start = k;
      double expected = 0;
      while (k < b.size() && b.get(k).total() == 0) {
        expected += usual[slot(b.get(k).start())];
        k++;
      }
      Instant from = b.get(start).start();
      Instant to = k < b.size() ? b.get(k).start() : from.plus(HOUR.multipliedBy(k - start));
      Duration gap = Duration.between(from, to);
      if (gap.compareTo(settings.silenceMinimum()) >= 0
          && expected >= settings.silenceExpected()
          && range.contains(from)) {
        out.add(finding(from, to, gap, expected));
      }
    }
    return out;
  }

  private Finding finding(Instant from, Instant to, Duration gap, double expected) {
    // The events either side of the silence: what a person looks at to see what stopped.
    List<String> ids = new ArrayList<>();
    List<AuditEvent> before =
        cache.page(
            AuditQuery.ALL.withRange(new DateRange(Instant.MIN, from)),
            SortOrder.NEWEST_FIRST,
            0,
            1);
    List<AuditEvent> after =
        cache.page(
            AuditQuery.ALL.withRange(new DateRange(to, Instant.MAX)), Lookup.oldestFirst(), 0, 1);
    before.forEach(e -> ids.add(e.id()));
    after.forEach(e -> ids.add(e.id()));
    String hours = Long.toString(gap.toHours());
    String when = WHEN.format(from.atZone(settings.zone()));
    String usual = Long.toString(Math.round(expected));
    return new Finding(
        Rule.SILENCE,
        Rule.SILENCE.severity(),
        from,
        "No events for " + hours + " h from " + when + ", when about " + usual + " are usual",
        "silence",
        List.of(hours, when, usual),
        ids,
        "",
        "");
  }

  /** The hour of the week (0 = Monday 00:00) in the settings' zone. */
  private int slot(Instant t) {
    ZonedDateTime z = t.atZone(settings.zone());
    return (z.getDayOfWeek().getValue() - 1) * 24 + z.getHour();
  }
}
