package dev.auditdesk.model;

import java.util.List;

/**
 * Resource types seen across Coder releases. The list is open: any other string is a valid type and
 * is shown as it is. {@link #label(String)} makes a readable name for any of them.
 */
public final class ResourceTypes {

  public static final List<String> KNOWN =
      List.of(
          "template",
          "template_version",
          "user",
          "workspace",
          "workspace_build",
          "git_ssh_key",
          "api_key",
          "group",
          "license",
          "convert_login",
          "health_settings",
          "notifications_settings",
          "prebuilds_settings",
          "oauth2_provider_settings",
          "workspace_proxy",
          "organization",
          "oauth2_provider_app",
          "oauth2_provider_app_secret",
          "custom_role",
          "organization_member",
          "notification_template",
          "idp_sync_settings_organization",
          "idp_sync_settings_group",
          "idp_sync_settings_role",
          "workspace_agent",
          "workspace_app",
          "task");

  private ResourceTypes() {}

  /** "workspace_build" becomes "Workspace build"; an empty type becomes "(none)". */
  public static String label(String type) {
    if (type == null || type.isEmpty()) {
      return "(none)";
    }
    String s = type.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  public static boolean isKnown(String type) {
    return KNOWN.contains(type);
  }
}
