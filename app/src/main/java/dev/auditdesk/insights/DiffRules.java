package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.DiffMarks;
import dev.auditdesk.model.EventSummary;
import dev.auditdesk.model.Facet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules that read the diff: a role granted to a user or group, and a change to a field Coder marks
 * secret. Only the events the cache marked ({@link DiffMarks}) are read in full.
 */
final class DiffRules {

  private final AuditCache cache;
  private final DateRange range;

  DiffRules(AuditCache cache, DateRange range) {
    this.cache = cache;
    this.range = range;
  }

  /**
   * Both rules' findings, from the events the cache marked when it stored them (a few hundred in a
   * million; reading every candidate's diff took 7.8 s at 1M, docs/PERFORMANCE.md).
   */
  List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    AuditQuery writes =
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, DiffMarks.writtenTypes())
            .with(Facet.ACTION, Set.of("write"))
            .withRange(range);
    AuditQuery creates =
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, DiffMarks.createdTypes())
            .with(Facet.ACTION, Set.of("create"))
            .withRange(range);
    for (AuditQuery q : List.of(writes, creates)) {
      cache.forEachMarked(
          q,
          Lookup.oldestFirst(),
          DiffRules::worthReading,
          e -> {
            if (!e.failed() && !e.diff().isEmpty()) {
              grant(e, out);
              secret(e, out);
            }
          });
    }
    return out;
  }

  /**
   * Whether a marked event can make a finding, from its summary: most marks at a busy deployment
   * are people changing their own password, which the secret rule passes over (reading those
   * ~10,000 events at 1M took a second).
   */
  private static boolean worthReading(EventSummary s, int marks) {
    if (s.failed()) {
      return false;
    }
    boolean grant =
        (marks & DiffMarks.GRANT) != 0 && DiffMarks.ROLE_TYPES.contains(s.resourceType());
    boolean secret =
        (marks & DiffMarks.SECRET) != 0
            && DiffMarks.SECRET_TYPES.contains(s.resourceType())
            && !own(s.resourceType(), s.resourceTarget(), s.username());
    return grant || secret;
  }

  /** A person's own password or SSH key: routine, not a finding. */
  private static boolean own(String type, String target, String actor) {
    return actor != null
        && !actor.isEmpty()
        && (type.equals("user") || type.equals("git_ssh_key"))
        && target.equals(actor);
  }

  private static void grant(AuditEvent e, List<Finding> out) {
    if (!DiffMarks.ROLE_TYPES.contains(e.resourceType())) {
      return;
    }
    Set<String> added = DiffMarks.rolesAdded(e);
    if (added.isEmpty()) {
      return;
    }
    String actor = who(e);
    String target = e.resourceTarget();
    String roles = String.join(", ", added);
    out.add(
        new Finding(
            Rule.PRIVILEGE_GRANT,
            Rule.PRIVILEGE_GRANT.severity(),
            e.time(),
            actor
                + " gave "
                + e.resourceType().replace('_', ' ')
                + " "
                + target
                + " the role "
                + roles,
            "grant",
            List.of(actor, e.resourceType().replace('_', ' '), target, roles),
            List.of(e.id()),
            e.actor().username(),
            e.ip()));
  }

  private static void secret(AuditEvent e, List<Finding> out) {
    if (!DiffMarks.SECRET_TYPES.contains(e.resourceType())) {
      return;
    }
    Set<String> fields = DiffMarks.secretFields(e);
    if (fields.isEmpty() || own(e.resourceType(), e.resourceTarget(), e.actor().username())) {
      return;
    }
    String actor = who(e);
    String what = e.resourceType().replace('_', ' ') + " " + e.resourceTarget();
    String names = String.join(", ", fields);
    out.add(
        new Finding(
            Rule.SECRET_CHANGE,
            Rule.SECRET_CHANGE.severity(),
            e.time(),
            actor + " " + verb(e.action()) + " the secret " + names + " of " + what.trim(),
            "secret",
            List.of(actor, e.action(), names, what.trim()),
            List.of(e.id()),
            e.actor().username(),
            e.ip()));
  }

  private static String verb(String action) {
    return switch (action) {
      case "create" -> "set";
      case "delete" -> "removed";
      default -> "changed";
    };
  }

  private static String who(AuditEvent e) {
    return e.actor().isSystem() ? "Coder" : e.actor().username();
  }

  /** The role names in a diff value (see {@link DiffMarks#roles}). */
  static Set<String> roles(String json) {
    return DiffMarks.roles(json);
  }
}
