package dev.auditdesk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an event's diff says that an auditor looks for: a role granted to a user or group, a field
 * Coder marks secret changed. Decided once when the cache stores the event, so the insight rules
 * read only the few events marked instead of every candidate's diff.
 */
public final class DiffMarks {

  /** The diff adds a role to a user, member, group or custom role. */
  public static final int GRANT = 1;

  /** The diff changes a field Coder marks secret. */
  public static final int SECRET = 2;

  /** Where Coder records roles: users, organization members, groups and custom roles. */
  public static final Set<String> ROLE_TYPES =
      Set.of("user", "organization_member", "group", "custom_role");

  /**
   * Where Coder marks diff fields secret (besides sign-in tokens, {@code api_key}, whose hashed
   * secret is in every token's creation and is no finding).
   */
  public static final Set<String> SECRET_TYPES =
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiffMarks() {}

  /** Resource types whose writes can carry a grant or a secret. */
  public static Set<String> writtenTypes() {
    Set<String> types = new LinkedHashSet<>(ROLE_TYPES);
    types.addAll(SECRET_TYPES);
    return types;
  }

  /** Resource types whose creations can: a member added with roles, a secret or licence created. */
  public static Set<String> createdTypes() {
    Set<String> created = new LinkedHashSet<>(SECRET_TYPES);
    created.remove("user");
    created.add("organization_member");
    return created;
  }

  /** Whether the event is one whose diff is worth reading at all (action and resource type). */
  public static boolean candidate(AuditEvent e) {
    return switch (e.action()) {
      case "write" ->
          ROLE_TYPES.contains(e.resourceType()) || SECRET_TYPES.contains(e.resourceType());
      case "create" -> createdTypes().contains(e.resourceType());
      default -> false;
    };
  }

  /** The marks of one event: {@link #GRANT} and/or {@link #SECRET}, 0 for neither. */
  public static int of(AuditEvent e) {
    if (!candidate(e) || e.failed() || e.diff().isEmpty()) {
      return 0;
    }
    int marks = 0;
    if (ROLE_TYPES.contains(e.resourceType()) && !rolesAdded(e).isEmpty()) {
      marks |= GRANT;
    }
    if (SECRET_TYPES.contains(e.resourceType()) && !secretFields(e).isEmpty()) {
      marks |= SECRET;
    }
    return marks;
  }

  /** The roles a diff adds: in a field named like "role", present now and not before. */
  public static Set<String> rolesAdded(AuditEvent e) {
    Set<String> added = new LinkedHashSet<>();
    for (FieldChange c : e.diff()) {
      if (!c.secret() && c.field().toLowerCase(Locale.ROOT).contains("role")) {
        Set<String> now = roles(c.newJson());
        now.removeAll(roles(c.oldJson()));
        added.addAll(now);
      }
    }
    return added;
  }

  /** The names of the diff's secret fields, in diff order. */
  public static Set<String> secretFields(AuditEvent e) {
    Set<String> fields = new LinkedHashSet<>();
    for (FieldChange c : e.diff()) {
      if (c.secret()) {
        fields.add(c.field());
      }
    }
    return fields;
  }

  /** The role names in a diff value: an array of names or of {@code {name: ...}} objects. */
  public static Set<String> roles(String json) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode n;
    try {
      n = JSON.readTree(json);
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
