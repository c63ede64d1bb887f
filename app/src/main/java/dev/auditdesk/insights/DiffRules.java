package dev.auditdesk.insights;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FieldChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rules that read the diff: a role granted to a user or group, and a change to a field Coder marks
 * secret. Only the resource types whose diffs carry roles or secrets are read in full.
 */
final class DiffRules {

  /** Where Coder records roles: users, organization members, groups and custom roles. */
  static final Set<String> ROLE_TYPES =
      Set.of("user", "organization_member", "group", "custom_role");

  /**
   * Where Coder marks diff fields secret (besides sign-in tokens, {@code api_key}, whose hashed
   * secret is in every token's creation and is no finding).
   */
  static final Set<String> SECRET_TYPES =
      Set.of(
          "user",
          "git_ssh_key",
          "license",
          "workspace_proxy",
          "oauth2_provider_app",
          "oauth2_provider_app_secret",
          "user_secret",
          "ai_provider_key",
          "ai_gateway_key");

  private final AuditCache cache;
  private final DateRange range;

  DiffRules(AuditCache cache, DateRange range) {
    this.cache = cache;
    this.range = range;
  }

  /** Both rules' findings, from one read of the events that can carry them. */
  List<Finding> run() {
    Set<String> types = new LinkedHashSet<>(ROLE_TYPES);
    types.addAll(SECRET_TYPES);
    List<Finding> out = new ArrayList<>();
    AuditQuery writes =
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, types)
            .with(Facet.ACTION, Set.of("write"))
            .withRange(range);
    // Creations carry a diff too: a member added with roles, a secret or licence created.
    Set<String> created = new LinkedHashSet<>(SECRET_TYPES);
    created.remove("user");
    created.add("organization_member");
    AuditQuery creates =
        AuditQuery.ALL
            .with(Facet.RESOURCE_TYPE, created)
            .with(Facet.ACTION, Set.of("create"))
            .withRange(range);
    for (AuditQuery q : List.of(writes, creates)) {
      cache.forEach(
          q,
          Lookup.oldestFirst(),
          e -> {
            if (!e.failed() && !e.diff().isEmpty()) {
              grant(e, out);
              secret(e, out);
            }
          });
    }
    return out;
  }

  private static void grant(AuditEvent e, List<Finding> out) {
    if (!ROLE_TYPES.contains(e.resourceType())) {
      return;
    }
    Set<String> added = new LinkedHashSet<>();
    for (FieldChange c : e.diff()) {
      if (!c.secret() && c.field().toLowerCase(Locale.ROOT).contains("role")) {
        Set<String> now = roles(c.newJson());
        now.removeAll(roles(c.oldJson()));
        added.addAll(now);
      }
    }
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
    if (!SECRET_TYPES.contains(e.resourceType())) {
      return;
    }
    Set<String> fields = new LinkedHashSet<>();
    for (FieldChange c : e.diff()) {
      if (c.secret()) {
        fields.add(c.field());
      }
    }
    boolean own =
        (e.resourceType().equals("user") || e.resourceType().equals("git_ssh_key"))
            && e.resourceTarget().equals(e.actor().username());
    if (fields.isEmpty() || own) {
      return; // a person's own password or SSH key is routine
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

  /** The role names in a diff value: an array of names or of {@code {name: ...}} objects. */
  static Set<String> roles(String json) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode n;
    try {
      n = AuditEventJson.mapper().readTree(json);
    } catch (IOException notJson) {
      return out;
    }
    if (n == null) {
      return out;
    }
    if (n.isTextual() && !n.asText().isEmpty()) {
      out.add(n.asText());
    }
    for (JsonNode r : n) {
      String name = r.isTextual() ? r.asText() : r.path("name").asText("");
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
