package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Administrative changes outside working hours, and mass deletions by one user. */
final class AdminRules {

  /**
   * What counts as administration: users, roles, templates, settings, licences, IdP, OAuth,
   * secrets.
   */
  static final Set<String> ADMIN_TYPES =
      Set.of(
          "user",
          "custom_role",
          "organization_member",
          "group",
          "template",
          "organization",
          "license",
          "idp_sync_settings_organization",
          "idp_sync_settings_group",
          "idp_sync_settings_role",
          "oauth2_provider_app",
          "oauth2_provider_app_secret",
          "oauth2_provider_settings",
          "user_secret",
          "ai_provider_key",
          "ai_gateway_key");

  static final Set<String> CHANGES = Set.of("create", "write", "delete");

  /** Consecutive changes by one person this close together are one finding. */
  private static final Duration SAME_SITTING = Duration.ofHours(1);

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final AuditCache cache;
  private final InsightSettings settings;
  private final DateRange range;

  AdminRules(AuditCache cache, InsightSettings settings, DateRange range) {
    this.cache = cache;
    this.settings = settings;
    this.range = range;
  }

  List<Finding> offHours() {
    AuditQuery q =
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, ADMIN_TYPES)
            .with(Facet.ACTION, CHANGES)
            .withRange(range);
    Map<String, List<Instant>> byActor = new LinkedHashMap<>();
    cache.forEachSummary(
        q,
        Lookup.oldestFirst(),
        s -> {
          if (!s.failed() && !s.username().isEmpty() && !settings.workingHours(s.time())) {
            byActor.computeIfAbsent(s.username(), u -> new ArrayList<>()).add(s.time());
          }
        });
    if (byActor.isEmpty()) {
      return List.of();
    }
    // One pass over every candidate, not one small read per sitting: at 1M events the demo has
    // 12,000 sittings, and reading each apart cost ~0.3 ms of H2 page reads.
    Instant lo = Instant.MAX;
    Instant hi = Instant.MIN;
    Map<String, List<AuditEvent>> read = new LinkedHashMap<>();
    for (Map.Entry<String, List<Instant>> e : byActor.entrySet()) {
      lo = lo.isBefore(e.getValue().get(0)) ? lo : e.getValue().get(0);
      Instant last = e.getValue().get(e.getValue().size() - 1);
      hi = hi.isAfter(last) ? hi : last;
      read.put(e.getKey(), new ArrayList<>());
    }
    cache.forEach(
        q.with(Facet.USER, byActor.keySet())
            .withRange(new dev.auditdesk.model.DateRange(lo, hi.plusNanos(1000))),
        dev.auditdesk.model.SortOrder.NEWEST_FIRST,
        ev -> {
          List<AuditEvent> mine = read.get(ev.actor().username());
          if (mine != null && !ev.failed() && !settings.workingHours(ev.time())) {
            mine.add(ev);
          }
        });
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, List<Instant>> e : byActor.entrySet()) {
      String actor = e.getKey();
      List<AuditEvent> mine = read.get(actor);
      java.util.Collections.reverse(mine);
      int next = 0;
      for (Bursts.Span span : Bursts.of(e.getValue(), 1, SAME_SITTING)) {
        Instant first = e.getValue().get(span.first());
        Instant last = e.getValue().get(span.last());
        List<AuditEvent> events = new ArrayList<>();
        while (next < mine.size() && !mine.get(next).time().isAfter(last)) {
          if (!mine.get(next).time().isBefore(first)) {
            events.add(mine.get(next));
          }
          next++;
        }
        if (events.isEmpty()) {
          continue;
        }
        Set<String> what = new TreeSet<>();
        events.forEach(ev -> what.add(ev.resourceType()));
        String n = Integer.toString(events.size());
        String when = WHEN.format(first.atZone(settings.zone()));
        String types = String.join(", ", what);
        out.add(
            new Finding(
                Rule.OFF_HOURS_ADMIN,
                Rule.OFF_HOURS_ADMIN.severity(),
                first,
                actor
                    + " made "
                    + n
                    + " administrative changes outside working hours, "
                    + when
                    + " ("
                    + types
                    + ")",
                "offHours",
                List.of(actor, n, when, types),
                Lookup.ids(events),
                actor,
                ""));
      }
    }
    return out;
  }

  List<Finding> massDeletions() {
    AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")).withRange(range);
    Map<String, List<Instant>> byActor = new LinkedHashMap<>();
    cache.forEachSummary(
        q,
        Lookup.oldestFirst(),
        s -> {
          if (!s.failed() && !s.username().isEmpty()) {
            byActor.computeIfAbsent(s.username(), u -> new ArrayList<>()).add(s.time());
          }
        });
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, List<Instant>> e : byActor.entrySet()) {
      String actor = e.getKey();
      List<Instant> t = e.getValue();
      for (Bursts.Span span : Bursts.of(t, settings.massDeletions(), settings.massWindow())) {
        Instant first = t.get(span.first());
        List<AuditEvent> events =
            Lookup.events(
                cache,
                q.with(Facet.USER, Set.of(actor)),
                first,
                t.get(span.last()),
                ev -> !ev.failed());
        if (events.isEmpty()) {
          continue;
        }
        Set<String> what = new TreeSet<>();
        events.forEach(ev -> what.add(ev.resourceType()));
        String n = Integer.toString(events.size());
        String minutes =
            Long.toString(
                Math.max(1, (Duration.between(first, t.get(span.last())).toSeconds() + 59) / 60));
        String types = String.join(", ", what);
        out.add(
            new Finding(
                Rule.MASS_DELETION,
                Rule.MASS_DELETION.severity(),
                first,
                actor + " deleted " + n + " resources within " + minutes + " min (" + types + ")",
                "massDeletion",
                List.of(actor, n, minutes, types),
                Lookup.ids(events),
                actor,
                ""));
      }
    }
    return out;
  }
}
