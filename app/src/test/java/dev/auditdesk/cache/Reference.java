package dev.auditdesk.cache;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The query semantics written the slow, obvious way, to check the column index against. */
final class Reference {

  private Reference() {}

  static boolean matches(AuditEvent e, AuditQuery q) {
    if (!q.resourceTypes().isEmpty() && !q.resourceTypes().contains(e.resourceType())) {
      return false;
    }
    if (!q.actions().isEmpty() && !q.actions().contains(e.action())) {
      return false;
    }
    if (!q.resourceTargets().isEmpty() && !q.resourceTargets().contains(e.resourceTarget())) {
      return false;
    }
    if (!q.users().isEmpty()
        && !q.users().contains(e.actor().username())
        && !q.users().contains(e.actor().id())) {
      return false;
    }
    if (!q.emails().isEmpty()
        && q.emails().stream().noneMatch(m -> m.equalsIgnoreCase(e.actor().email()))) {
      return false;
    }
    if (!q.organizations().isEmpty()
        && !q.organizations().contains(e.organization().name())
        && !q.organizations().contains(e.organization().displayName())
        && !q.organizations().contains(e.organization().id())) {
      return false;
    }
    if (!q.buildReasons().isEmpty() && !q.buildReasons().contains(e.buildReason())) {
      return false;
    }
    if (!q.resourceId().isEmpty() && !q.resourceId().equals(e.resourceId())) {
      return false;
    }
    if (!q.requestId().isEmpty() && !q.requestId().equals(e.requestId())) {
      return false;
    }
    if (!q.ids().isEmpty() && !q.ids().contains(e.id())) {
      return false;
    }
    if (!q.range().contains(e.time())) {
      return false;
    }
    if (!q.text().isBlank()) {
      String hay =
          String.join(
                  "\u0002",
                  e.resourceTarget(),
                  IndexedColumn.actorKey(e),
                  e.description(),
                  e.action(),
                  e.resourceType())
              .toLowerCase(Locale.ROOT);
      for (String term : q.text().toLowerCase(Locale.ROOT).trim().split("\\s+")) {
        boolean hit = false;
        for (String field : hay.split("\u0002")) {
          if (field.contains(term)) {
            hit = true;
          }
        }
        if (!hit) {
          return false;
        }
      }
    }
    return true;
  }

  static final Comparator<AuditEvent> NEWEST =
      Comparator.comparing(AuditEvent::time).thenComparing(AuditEvent::id).reversed();

  static Comparator<AuditEvent> order(SortOrder o) {
    Comparator<AuditEvent> col =
        switch (o.column()) {
          case TIME -> null;
          case USER -> text(IndexedColumn::actorKey);
          case ACTION -> text(AuditEvent::action);
          case RESOURCE_TYPE -> text(AuditEvent::resourceType);
          case RESOURCE_TARGET -> text(AuditEvent::resourceTarget);
          case STATUS -> Comparator.comparingInt(AuditEvent::statusCode);
          case IP -> text(AuditEvent::ip);
          case ORGANIZATION -> text(IndexedColumn::orgKey);
        };
    if (col == null) {
      return o.ascending() ? NEWEST.reversed() : NEWEST;
    }
    return (o.ascending() ? col : col.reversed()).thenComparing(NEWEST);
  }

  private static Comparator<AuditEvent> text(java.util.function.Function<AuditEvent, String> f) {
    return Comparator.comparing((AuditEvent e) -> f.apply(e).toLowerCase(Locale.ROOT))
        .thenComparing(f::apply);
  }

  static List<String> ids(List<AuditEvent> all, AuditQuery q, SortOrder o) {
    return all.stream()
        .filter(e -> matches(e, q))
        .sorted(order(o))
        .map(AuditEvent::id)
        .collect(Collectors.toList());
  }

  static List<FacetValue> facet(List<AuditEvent> all, Facet f, AuditQuery q) {
    AuditQuery other = q.without(f);
    Map<String, Long> counts = new TreeMap<>();
    for (AuditEvent e : all) {
      if (matches(e, other)) {
        String v =
            switch (f) {
              case RESOURCE_TYPE -> e.resourceType();
              case ACTION -> e.action();
              case RESOURCE_TARGET -> e.resourceTarget();
              case USER -> e.actor().username();
              case ORGANIZATION ->
                  e.organization().name().isEmpty()
                      ? e.organization().id()
                      : e.organization().name();
            };
        counts.merge(v, 1L, Long::sum);
      }
    }
    for (String chosen : q.values(f)) {
      counts.putIfAbsent(chosen, 0L);
    }
    List<FacetValue> out = new ArrayList<>();
    counts.forEach((k, v) -> out.add(new FacetValue(k, v)));
    out.sort(
        Comparator.comparingLong(FacetValue::count).reversed().thenComparing(FacetValue::value));
    return out;
  }
}
