package dev.auditdesk.model;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user is looking for: the four filters of Coder's audit page (resource type, action,
 * resource target, user), a date range, free text, and the narrower keys Coder's search language
 * has. Within one facet the values are ORed; facets are ANDed. An empty set means "any".
 *
 * <p>Immutable: each change makes a new query (use the {@code with...} methods), so a query can be
 * handed to a background thread safely.
 */
public record AuditQuery(
    Set<String> resourceTypes,
    Set<String> actions,
    Set<String> resourceTargets,
    Set<String> users,
    Set<String> emails,
    Set<String> organizations,
    Set<String> buildReasons,
    String resourceId,
    String requestId,
    DateRange range,
    String text,
    Set<String> ids) {

  public static final AuditQuery ALL =
      new AuditQuery(
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          "",
          "",
          DateRange.ALL,
          "",
          Set.of());

  public AuditQuery {
    resourceTypes = sorted(resourceTypes);
    actions = sorted(actions);
    resourceTargets = sorted(resourceTargets);
    users = sorted(users);
    emails = sorted(emails);
    organizations = sorted(organizations);
    buildReasons = sorted(buildReasons);
    resourceId = resourceId == null ? "" : resourceId.trim();
    requestId = requestId == null ? "" : requestId.trim();
    range = range == null ? DateRange.ALL : range;
    text = text == null ? "" : text.trim();
    ids = sorted(ids);
  }

  /** A query without an id filter (every filter Coder's search language has). */
  public AuditQuery(
      Set<String> resourceTypes,
      Set<String> actions,
      Set<String> resourceTargets,
      Set<String> users,
      Set<String> emails,
      Set<String> organizations,
      Set<String> buildReasons,
      String resourceId,
      String requestId,
      DateRange range,
      String text) {
    this(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        buildReasons,
        resourceId,
        requestId,
        range,
        text,
        Set.of());
  }

  /** Only the events with these ids (with the other filters); empty means any id. */
  public AuditQuery withIds(Collection<String> eventIds) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        buildReasons,
        resourceId,
        requestId,
        range,
        text,
        Set.copyOf(eventIds));
  }

  public boolean isAll() {
    return equals(ALL);
  }

  public Set<String> values(Facet facet) {
    return switch (facet) {
      case RESOURCE_TYPE -> resourceTypes;
      case ACTION -> actions;
      case RESOURCE_TARGET -> resourceTargets;
      case USER -> users;
      case ORGANIZATION -> organizations;
    };
  }

  /** This query with one facet's selection replaced. */
  public AuditQuery with(Facet facet, Collection<String> values) {
    Set<String> v = Set.copyOf(values);
    return new AuditQuery(
        facet == Facet.RESOURCE_TYPE ? v : resourceTypes,
        facet == Facet.ACTION ? v : actions,
        facet == Facet.RESOURCE_TARGET ? v : resourceTargets,
        facet == Facet.USER ? v : users,
        emails,
        facet == Facet.ORGANIZATION ? v : organizations,
        buildReasons,
        resourceId,
        requestId,
        range,
        text,
        ids);
  }

  /** This query without any selection on one facet: "the other filters", for facet counts. */
  public AuditQuery without(Facet facet) {
    return with(facet, Set.of());
  }

  public AuditQuery withRange(DateRange r) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        buildReasons,
        resourceId,
        requestId,
        r,
        text,
        ids);
  }

  public AuditQuery withText(String t) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        buildReasons,
        resourceId,
        requestId,
        range,
        t,
        ids);
  }

  public AuditQuery withEmails(Collection<String> e) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        Set.copyOf(e),
        organizations,
        buildReasons,
        resourceId,
        requestId,
        range,
        text,
        ids);
  }

  public AuditQuery withBuildReasons(Collection<String> b) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        Set.copyOf(b),
        resourceId,
        requestId,
        range,
        text,
        ids);
  }

  public AuditQuery withResourceId(String id) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        buildReasons,
        id,
        requestId,
        range,
        text,
        ids);
  }

  public AuditQuery withRequestId(String id) {
    return new AuditQuery(
        resourceTypes,
        actions,
        resourceTargets,
        users,
        emails,
        organizations,
        buildReasons,
        resourceId,
        id,
        range,
        text,
        ids);
  }

  private static Set<String> sorted(Set<String> s) {
    if (s == null || s.isEmpty()) {
      return Set.of();
    }
    return java.util.Collections.unmodifiableSet(new TreeSet<>(s));
  }
}
