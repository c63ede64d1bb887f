package dev.auditdesk.demo;

import dev.auditdesk.demo.DemoEvent.Change;
import java.util.SplittableRandom;

/** The words and values demo events are made of: typical diffs, names, verbs. */
final class DemoWords {

  private DemoWords() {}

  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Coder v2.27.1+demo CLI",
    "coder-vscode/1.9.0",
    "Go-http-client/1.1",
    "terraform-provider-coderd/0.0.9"
  };

  static final String[] ADJ_VERSIONS = {
    "hopeful_swirles", "keen_noether", "zen_turing", "sleepy_hopper", "bold_lovelace"
  };
  static final String[] TOKEN_NAMES = {
    "ci-token", "terraform", "laptop", "gh-actions", "backup-job", "grafana"
  };

  /** The AI resources of today's Coder that demo "task" events spread over (task included). */
  static final String[] AI_TYPES = {
    "task",
    "chat",
    "chat_model_config",
    "mcp_server_config",
    "ai_provider",
    "ai_provider_key",
    "ai_gateway_key",
    "user_secret",
    "ai_seat"
  };

  static final String[] APPS = {"code-server", "jupyter", "terminal", "rstudio", "filebrowser"};

  static final Change[][] WORKSPACE_DIFFS = {
    {
      new Change(
          "ttl", Long.toString(28_800_000_000_000L), Long.toString(14_400_000_000_000L), false)
    },
    {
      new Change(
          "autostart_schedule",
          "\"CRON_TZ=UTC 0 7 * * 1-5\"",
          "\"CRON_TZ=Europe/Berlin 30 8 * * 1-5\"",
          false)
    },
    {new Change("automatic_updates", "\"never\"", "\"always\"", false)},
    {
      new Change("dormant_at", "null", "\"2025-06-01T00:00:00Z\"", false),
      new Change("deleting_at", "null", "\"2025-07-01T00:00:00Z\"", false)
    }
  };
  static final Change[][] TEMPLATE_DIFFS = {
    {
      new Change("default_ttl", "28800000000000", "43200000000000", false),
      new Change("activity_bump", "3600000000000", "7200000000000", false)
    },
    {new Change("description", "\"\"", "\"Standard environment, see the wiki\"", false)},
    {
      new Change("icon", "\"/icon/code.svg\"", "\"/icon/go.svg\"", false),
      new Change("display_name", "\"\"", "\"Go service\"", false)
    }
  };
  static final Change[][] USER_DIFFS = {
    {
      new Change("hashed_password", "\"\"", "\"\"", true),
      new Change("updated_at", "\"2025-01-01T00:00:00Z\"", "\"2025-02-01T00:00:00Z\"", false)
    },
    {new Change("status", "\"active\"", "\"suspended\"", false)},
    {new Change("login_type", "\"password\"", "\"oidc\"", false)}
  };

  private static final String[] ROLES = {"template-admin", "user-admin", "auditor"};

  /** An administrator granting or taking back a site role: half of each. */
  static Change[] roleChange(SplittableRandom r) {
    String role = quote(ROLES[r.nextInt(ROLES.length)]);
    boolean grant = r.nextBoolean();
    return new Change[] {
      new Change(
          "rbac_roles", grant ? "[]" : "[" + role + "]", grant ? "[" + role + "]" : "[]", false)
    };
  }

  /** One of the typical diffs of a resource type (shared arrays: events only read them). */
  static Change[] pick(SplittableRandom r, Change[][] diffs) {
    return diffs[r.nextInt(diffs.length)];
  }

  static String verb(String action) {
    return switch (action) {
      case "create" -> "created";
      case "write" -> "updated";
      case "delete" -> "deleted";
      case "start" -> "started";
      case "stop" -> "stopped";
      case "login" -> "logged in";
      case "logout" -> "logged out";
      case "register" -> "registered";
      case "request_password_reset" -> "requested a password reset for";
      case "connect" -> "connected";
      case "disconnect" -> "disconnected";
      case "open" -> "opened";
      case "close" -> "closed";
      default -> action;
    };
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String randomHex(SplittableRandom r, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }
}
