package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.EventSummary;
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
    return Lookup.findings(
        cache,
        q,
        all -> {
          List<EventSummary> changes = new ArrayList<>(all);
          Map<String, List<Integer>> byActor = new LinkedHashMap<>();
          for (int i = 0; i < changes.size(); i++) {
            EventSummary s = changes.get(i);
            if (!s.failed() && !s.username().isEmpty() && !settings.workingHours(s.time())) {
              byActor.computeIfAbsent(s.username(), u -> new ArrayList<>()).add(i);
            }
          }
          List<Lookup.Draft> out = new ArrayList<>();
          for (Map.Entry<String, List<Integer>> e : byActor.entrySet()) {
            for (List<Integer> sitting : spans(changes, e.getValue(), 1, SAME_SITTING)) {
              out.add(offHours(changes, e.getKey(), sitting));
            }
          }
          return out;
        });
  }

  private Lookup.Draft offHours(List<EventSummary> changes, String actor, List<Integer> sitting) {
    Instant first = changes.get(sitting.get(0)).time();
    String n = Integer.toString(sitting.size());
    String when = WHEN.format(first.atZone(settings.zone()));
    String types = types(changes, sitting);
    return new Lookup.Draft(
        sitting,
        ids ->
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
                ids,
                actor,
                ""));
  }

  List<Finding> massDeletions() {
    AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of("delete")).withRange(range);
    return Lookup.findings(
        cache,
        q,
        all -> {
          List<EventSummary> deletes = new ArrayList<>(all);
          Map<String, List<Integer>> byActor = new LinkedHashMap<>();
          for (int i = 0; i < deletes.size(); i++) {
            EventSummary s = deletes.get(i);
            if (!s.failed() && !s.username().isEmpty()) {
              byActor.computeIfAbsent(s.username(), u -> new ArrayList<>()).add(i);
            }
          }
          List<Lookup.Draft> out = new ArrayList<>();
          for (Map.Entry<String, List<Integer>> e : byActor.entrySet()) {
            for (List<Integer> burst :
                spans(deletes, e.getValue(), settings.massDeletions(), settings.massWindow())) {
              out.add(massDeletion(deletes, e.getKey(), burst));
            }
          }
          return out;
        });
  }

  private Lookup.Draft massDeletion(List<EventSummary> deletes, String actor, List<Integer> burst) {
    Instant first = deletes.get(burst.get(0)).time();
    String n = Integer.toString(burst.size());
    String minutes = Lookup.minutes(first, deletes.get(burst.get(burst.size() - 1)).time());
    String types = types(deletes, burst);
    return new Lookup.Draft(
        burst,
        ids ->
            new Finding(
                Rule.MASS_DELETION,
                Rule.MASS_DELETION.severity(),
                first,
                actor + " deleted " + n + " resources within " + minutes + " min (" + types + ")",
                "massDeletion",
                List.of(actor, n, minutes, types),
                ids,
                actor,
                ""));
  }

  /** The bursts among one person's events (positions, oldest first), each as its positions. */
  private static List<List<Integer>> spans(
      List<EventSummary> all, List<Integer> mine, int n, Duration window) {
    List<Instant> t = mine.stream().map(i -> all.get(i).time()).toList();
    return Bursts.of(t, n, window).stream()
        .map(span -> List.copyOf(mine.subList(span.first(), span.last() + 1)))
        .toList();
  }

  private static String types(List<EventSummary> all, List<Integer> positions) {
    Set<String> what = new TreeSet<>();
    positions.forEach(i -> what.add(all.get(i).resourceType()));
    return String.join(", ", what);
  }
}
