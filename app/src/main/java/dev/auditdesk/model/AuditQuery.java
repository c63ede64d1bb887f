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

  /** Only the events with these ids (with the other filters); empty means any id. */
  public AuditQuery withIds(Collection<String> eventIds) {
    return change(q -> q.ids = Set.copyOf(eventIds));
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
    return change(
        q -> {
          switch (facet) {
            case RESOURCE_TYPE -> q.resourceTypes = v;
            case ACTION -> q.actions = v;
            case RESOURCE_TARGET -> q.resourceTargets = v;
            case USER -> q.users = v;
            case ORGANIZATION -> q.organizations = v;
          }
        });
  }

  /** This query without any selection on one facet: "the other filters", for facet counts. */
  public AuditQuery without(Facet facet) {
    return with(facet, Set.of());
  }

  public AuditQuery withRange(DateRange r) {
    return change(q -> q.range = r);
  }

  public AuditQuery withText(String t) {
    return change(q -> q.text = t);
  }

  public AuditQuery withEmails(Collection<String> e) {
    return change(q -> q.emails = Set.copyOf(e));
  }

  public AuditQuery withBuildReasons(Collection<String> b) {
    return change(q -> q.buildReasons = Set.copyOf(b));
  }

  public AuditQuery withResourceId(String id) {
    return change(q -> q.resourceId = id);
  }

  public AuditQuery withRequestId(String id) {
    return change(q -> q.requestId = id);
  }

  /** This query's parts, to change one and make a new query ({@link #change}). */
  private static final class Parts {
    Set<String> resourceTypes;
    Set<String> actions;
    Set<String> resourceTargets;
    Set<String> users;
    Set<String> emails;
    Set<String> organizations;
    Set<String> buildReasons;
    String resourceId;
    String requestId;
    DateRange range;
    String text;
    Set<String> ids;

    Parts(AuditQuery q) {
      resourceTypes = q.resourceTypes;
      actions = q.actions;
      resourceTargets = q.resourceTargets;
      users = q.users;
      emails = q.emails;
      organizations = q.organizations;
      buildReasons = q.buildReasons;
      resourceId = q.resourceId;
      requestId = q.requestId;
      range = q.range;
      text = q.text;
      ids = q.ids;
    }

    AuditQuery query() {
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
          ids);
    }
  }

  /** A copy of this query with what {@code edit} changes in its parts. */
  private AuditQuery change(java.util.function.Consumer<Parts> edit) {
    Parts p = new Parts(this);
    edit.accept(p);
    return p.query();
  }

  private static Set<String> sorted(Set<String> s) {
    if (s == null || s.isEmpty()) {
      return Set.of();
    }
    return java.util.Collections.unmodifiableSet(new TreeSet<>(s));
  }
}
