package dev.auditdesk.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource types seen across Coder releases, each with a friendly name and a one-line explanation.
 * The list is open: any other string is a valid type and is shown as it is, never dropped.
 */
public final class ResourceTypes {

  /** A type AuditDesk knows: its name in Coder, its friendly name, what it is. */
  public record Known(String name, String label, String explanation) {}

  private static final Map<String, Known> BY_NAME = new LinkedHashMap<>();

  static {
    add("template", "Template", "A template workspaces are built from.");
    add("template_version", "Template version", "One version of a template's code.");
    add("user", "User", "A user account.");
    add("workspace", "Workspace", "A workspace.");
    add("workspace_build", "Workspace build", "A build that started or stopped a workspace.");
    add("git_ssh_key", "Git SSH key", "A user's key for Git over SSH.");
    add("api_key", "API token", "A session or API token (login, logout, tokens).");
    add("group", "Group", "A group of users.");
    add("license", "License", "A Coder licence.");
    add("convert_login", "Login type conversion", "A user's switch to another login type.");
    add("health_settings", "Health settings", "Which health checks are dismissed.");
    add(
        "notifications_settings",
        "Notification settings",
        "Deployment-wide notification settings.");
    add("prebuilds_settings", "Prebuild settings", "Whether prebuilt workspaces are reconciled.");
    add(
        "oauth2_provider_settings",
        "OAuth2 provider settings",
        "Settings of Coder as an OAuth2 provider.");
    add("workspace_proxy", "Workspace proxy", "A regional proxy to workspaces.");
    add("organization", "Organization", "An organization.");
    add("oauth2_provider_app", "OAuth2 app", "An app that signs in with Coder over OAuth2.");
    add("oauth2_provider_app_secret", "OAuth2 app secret", "A client secret of an OAuth2 app.");
    add("custom_role", "Custom role", "A role defined by an administrator.");
    add("organization_member", "Organization member", "A user's membership of an organization.");
    add("notification_template", "Notification template", "The text of a notification.");
    add(
        "idp_sync_settings_organization",
        "IdP organization sync",
        "How identity-provider claims map to organizations.");
    add("idp_sync_settings_group", "IdP group sync", "How identity-provider claims map to groups.");
    add("idp_sync_settings_role", "IdP role sync", "How identity-provider claims map to roles.");
    add(
        "workspace_agent",
        "Workspace agent",
        "A workspace's agent; its connections moved to the connection log since Coder 2.25.");
    add(
        "workspace_app",
        "Workspace app",
        "An app in a workspace; its connections moved to the connection log since Coder 2.25.");
    add("task", "Task", "An AI task (kept for events from before Coder removed Tasks).");
    add("ai_seat", "AI seat", "A user's seat for AI features.");
    add("ai_provider", "AI provider", "A provider of AI models (such as a model vendor).");
    add("ai_provider_key", "AI provider key", "A key Coder uses to reach an AI provider.");
    add("ai_gateway_key", "AI gateway key", "A key to Coder's AI gateway.");
    add("group_ai_budget", "Group AI budget", "How much AI use a group may spend.");
    add("user_ai_budget_override", "User AI budget override", "A user's own AI budget.");
    add("chat", "Chat", "A chat with an AI agent.");
    add("chat_project", "Chat project", "A project that groups chats.");
    add("mcp_server_config", "MCP server config", "A Model Context Protocol server agents use.");
    add("chat_model_config", "Chat model config", "A model chats may use, and its settings.");
    add("user_secret", "User secret", "A secret a user keeps for their workspaces.");
    add("user_skill", "User skill", "A skill a user gives AI agents.");
    add(
        "chat_instruction_settings",
        "Chat instruction settings",
        "Instructions every chat starts with.");
    add(
        "chat_operational_settings",
        "Chat operational settings",
        "How chats run (limits, retention).");
    add("experiment_rule", "Experiment rule", "A rule that turns an experiment on for some users.");
  }

  /** Every type AuditDesk knows, in Coder's order; the reconciler splits big days by them. */
  public static final List<String> KNOWN = List.copyOf(BY_NAME.keySet());

  private ResourceTypes() {}

  private static void add(String name, String label, String explanation) {
    BY_NAME.put(name, new Known(name, label, explanation));
  }

  /**
   * The friendly name of a known type; any other becomes readable ("foo_bar" → "Foo bar"); an empty
   * type becomes "(none)".
   */
  public static String label(String type) {
    if (type == null || type.isEmpty()) {
      return "(none)";
    }
    Known k = BY_NAME.get(type);
    if (k != null) {
      return k.label();
    }
    String s = type.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** What a user sees for a type in a list or a cell: the friendly name, or the raw type. */
  public static String shown(String type) {
    return isKnown(type) ? label(type) : type;
  }

  /** The one-line explanation of a type; an unknown one says it is newer than AuditDesk. */
  public static String explanation(String type) {
    Known k = BY_NAME.get(type == null ? "" : type);
    return k != null
        ? k.explanation()
        : "A resource type this version of AuditDesk does not know: \"" + type + "\".";
  }

  public static boolean isKnown(String type) {
    return type != null && BY_NAME.containsKey(type);
  }
}
