package dev.auditdesk.demo;

import dev.auditdesk.demo.DemoEvent.Change;
import dev.auditdesk.demo.DemoEvent.OrgStyle;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What each demo event is: its action and resource, who did it, from where, the diff and status.
 * The mix follows a real deployment (per mille weights, older history with the older connection
 * actions; scheduled builds are system events with {@code user: null}).
 */
final class DemoActivity {

  /** One kind of audit entry and how often it happens (per mille), new vs old history. */
  private record Spec(String action, String type, int weightNew, int weightOld) {}

  private static final Spec[] SPECS = {
    new Spec("start", "workspace_build", 170, 150),
    new Spec("stop", "workspace_build", 140, 120),
    new Spec("login", "api_key", 150, 120),
    new Spec("logout", "api_key", 40, 30),
    new Spec("write", "workspace", 60, 50),
    new Spec("create", "workspace", 40, 35),
    new Spec("delete", "workspace", 30, 25),
    new Spec("write", "template", 40, 35),
    new Spec("create", "template", 10, 10),
    new Spec("delete", "template", 5, 5),
    new Spec("create", "template_version", 45, 40),
    new Spec("write", "template_version", 10, 10),
    new Spec("create", "api_key", 20, 15),
    new Spec("delete", "api_key", 10, 8),
    new Spec("write", "user", 20, 18),
    new Spec("create", "user", 10, 10),
    new Spec("delete", "user", 3, 3),
    new Spec("register", "user", 3, 3),
    new Spec("request_password_reset", "user", 3, 2),
    new Spec("write", "git_ssh_key", 5, 5),
    new Spec("create", "group", 4, 4),
    new Spec("write", "group", 8, 8),
    new Spec("create", "license", 1, 1),
    new Spec("create", "organization_member", 8, 4),
    new Spec("delete", "organization_member", 3, 2),
    new Spec("write", "organization", 2, 2),
    new Spec("write", "custom_role", 3, 0),
    new Spec("write", "notification_template", 2, 0),
    new Spec("write", "notifications_settings", 1, 0),
    new Spec("write", "health_settings", 1, 1),
    new Spec("create", "workspace_proxy", 1, 1),
    new Spec("create", "oauth2_provider_app", 2, 0),
    new Spec("create", "oauth2_provider_app_secret", 1, 0),
    new Spec("write", "idp_sync_settings_group", 1, 0),
    new Spec("write", "idp_sync_settings_role", 1, 0),
    new Spec("write", "prebuilds_settings", 1, 0),
    new Spec("create", "task", 4, 0), // and the other AI resources: see aiResource
    new Spec("connect", "workspace_agent", 0, 90),
    new Spec("disconnect", "workspace_agent", 0, 85),
    new Spec("open", "workspace_app", 0, 50),
    new Spec("close", "workspace_app", 0, 40),
    // Values from releases newer than this AuditDesk: they must be shown, never dropped.
    new Spec("share", "workspace", 1, 0),
    new Spec("create", "ai_usage_report", 1, 0),
    new Spec("hibernate", "workspace", 1, 0),
  };

  /** What an administrator changes: users, roles, templates, settings, licences, IdP, OAuth. */
  private static final java.util.Set<String> ADMIN_TYPES =
      java.util.Set.of(
          "user",
          "organization_member",
          "group",
          "custom_role",
          "template",
          "template_version",
          "organization",
          "license",
          "idp_sync_settings_group",
          "idp_sync_settings_role",
          "oauth2_provider_app",
          "oauth2_provider_app_secret",
          "notification_template",
          "notifications_settings",
          "health_settings",
          "prebuilds_settings",
          "workspace_proxy");

  private static final java.util.Set<String> RARE_TYPES =
      java.util.Set.of("license", "workspace_proxy", "oauth2_provider_app_secret");

  private static final int[] CUM_NEW = cumulative(true);
  private static final int[] CUM_OLD = cumulative(false);

  private final DemoCatalog catalog;

  DemoActivity(DemoCatalog catalog) {
    this.catalog = catalog;
  }

  /** Fills in the content of an event of the given kind (see {@link DemoHistory#HUMAN}). */
  void fill(DemoEvent e, SplittableRandom r, byte kind, boolean old) {
    if (kind == DemoHistory.AUTOSTART || kind == DemoHistory.AUTOSTOP) {
      system(e, r, kind == DemoHistory.AUTOSTART);
    } else {
      human(e, r, old);
    }
  }

  /**
   * Whether to draw again: people administer in working hours (outside them 99 in 100
   * administrative draws become ordinary work), and licences, proxies and OAuth secrets are created
   * a few times a year, not daily; so the insights find the planted patterns and rare real cases
   * instead of thousands.
   */
  private static boolean unlikely(Spec spec, long micros, SplittableRandom r) {
    if (RARE_TYPES.contains(spec.type()) && r.nextInt(20) != 0) {
      return true;
    }
    return ADMIN_TYPES.contains(spec.type())
        && !DemoHistory.workingHours(micros)
        && r.nextInt(100) != 0;
  }

  private static Spec pick(SplittableRandom r, boolean old) {
    int[] cum = old ? CUM_OLD : CUM_NEW;
    int roll = r.nextInt(cum[cum.length - 1]);
    int s = 0;
    while (cum[s] <= roll) {
      s++;
    }
    return SPECS[s];
  }

  private static int[] cumulative(boolean newer) {
    int[] c = new int[SPECS.length];
    int sum = 0;
    for (int i = 0; i < SPECS.length; i++) {
      sum += newer ? SPECS[i].weightNew() : SPECS[i].weightOld();
      c[i] = sum;
    }
    return c;
  }

  /** The vocabulary the demo server accepts in {@code action:} and {@code resource_type:}. */
  static boolean knownAction(String a) {
    for (Spec s : SPECS) {
      if (s.action().equals(a)) {
        return true;
      }
    }
    return false;
  }

  static boolean knownResourceType(String t) {
    for (String ai : DemoWords.AI_TYPES) {
      if (ai.equals(t)) {
        return true;
      }
    }
    for (Spec s : SPECS) {
      if (s.type().equals(t)) {
        return true;
      }
    }
    return false;
  }

  private void system(DemoEvent e, SplittableRandom r, boolean start) {
    DemoCatalog.Workspace ws = catalog.workspaces[pickWorkspace(r)];
    e.action = start ? "start" : "stop";
    e.resourceType = "workspace_build";
    build(e, r, ws, start ? "autostart" : "autostop");
    e.user = -1;
    e.ip = "";
    e.userAgent = "";
  }

  private void build(DemoEvent e, SplittableRandom r, DemoCatalog.Workspace ws, String reason) {
    DemoCatalog.User owner = catalog.users[ws.owner()];
    e.resourceId = DemoCatalog.uuid(r);
    e.resourceTarget = ws.name();
    e.buildNumber = 1 + r.nextInt(400);
    e.buildReason = reason;
    e.workspaceName = ws.name();
    e.workspaceOwner = owner.username();
    e.workspaceId = ws.id();
    e.resourceLink = "/@" + owner.username() + "/" + ws.name() + "/builds/" + e.buildNumber;
    e.resourceIcon = catalog.templates[ws.template()].icon();
    e.org = ws.org();
    e.description =
        "{user} " + ("start".equals(e.action) ? "started" : "stopped") + " workspace {target}";
    e.statusCode = 200;
  }

  private int pickWorkspace(SplittableRandom r) {
    return (int) (DemoCatalog.WORKSPACES * Math.pow(r.nextDouble(), 1.8));
  }

  private void human(DemoEvent e, SplittableRandom r, boolean old) {
    Spec spec = pick(r, old);
    while (unlikely(spec, e.micros, r)) {
      spec = pick(r, old);
    }
    e.action = spec.action();
    e.resourceType = spec.type();
    double who = r.nextDouble();
    e.user = who < 0.03 ? 0 : DemoCatalog.busyUser(r.nextDouble());
    DemoCatalog.User u = catalog.users[e.user];
    int ipRoll = r.nextInt(100);
    e.ip =
        ipRoll < 2
            ? ""
            : ipRoll < 4
                ? (r.nextBoolean() ? "::1" : "127.0.0.1")
                : u.prefersIpv6() ? u.ipv6() : u.ipv4();
    e.userAgent = DemoWords.USER_AGENTS[r.nextInt(DemoWords.USER_AGENTS.length)];
    e.org = u.org();
    e.statusCode =
        switch (e.action) {
          case "create", "register" -> 201;
          default -> 200;
        };
    String verb = DemoWords.verb(e.action);
    e.description = "{user} " + verb + " " + spec.type().replace('_', ' ') + " {target}";
    switch (spec.type()) {
      case "workspace_build" -> {
        DemoCatalog.Workspace ws = catalog.workspaces[pickWorkspace(r)];
        if (r.nextInt(100) < 85) {
          e.user = ws.owner();
        }
        build(e, r, ws, "initiator");
        u = catalog.users[e.user];
      }
      case "workspace" -> {
        DemoCatalog.Workspace ws = catalog.workspaces[pickWorkspace(r)];
        DemoCatalog.User owner = catalog.users[ws.owner()];
        e.resourceId = ws.id();
        e.resourceTarget = ws.name();
        e.resourceLink = "/@" + owner.username() + "/" + ws.name();
        e.resourceIcon = catalog.templates[ws.template()].icon();
        e.org = ws.org();
        e.deleted = "delete".equals(e.action) || r.nextInt(50) == 0;
        if ("write".equals(e.action)) {
          e.diff = DemoWords.pick(r, DemoWords.WORKSPACE_DIFFS);
        }
      }
      case "template", "template_version" -> {
        DemoCatalog.Template tpl =
            catalog.templates[(int) (DemoCatalog.TEMPLATES * Math.pow(r.nextDouble(), 2))];
        e.resourceId = "template".equals(spec.type()) ? tpl.id() : DemoCatalog.uuid(r);
        e.resourceTarget =
            "template".equals(spec.type())
                ? tpl.name()
                : DemoWords.ADJ_VERSIONS[r.nextInt(DemoWords.ADJ_VERSIONS.length)] + r.nextInt(100);
        e.resourceLink =
            "/templates/"
                + tpl.name()
                + ("template".equals(spec.type()) ? "" : "/versions/" + e.resourceTarget);
        e.resourceIcon = tpl.icon();
        e.org = tpl.org();
        if ("write".equals(e.action)) {
          e.diff = DemoWords.pick(r, DemoWords.TEMPLATE_DIFFS);
        }
      }
      case "api_key" -> {
        e.resourceId = DemoWords.randomHex(r, 10);
        e.orgStyle = OrgStyle.ABSENT;
        if ("login".equals(e.action) || "logout".equals(e.action)) {
          e.resourceTarget = u.username();
          e.description = "{user} " + verb;
          e.statusCode = "login".equals(e.action) ? 201 : 200;
          if ("login".equals(e.action) && r.nextInt(100) < 7) {
            e.statusCode = 401;
            if (r.nextInt(100) < 30) {
              e.resourceTarget = "unknown" + r.nextInt(50) + "@example.org";
              e.user = -1;
            }
          }
        } else {
          e.resourceTarget = DemoWords.TOKEN_NAMES[r.nextInt(DemoWords.TOKEN_NAMES.length)];
          e.diff =
              new Change[] {
                new Change("hashed_secret", "\"\"", "\"\"", true),
                new Change("token_name", "\"\"", DemoWords.quote(e.resourceTarget), false),
                new Change(
                    "lifetime_seconds", "0", Long.toString(86_400L * (1 + r.nextInt(90))), false)
              };
        }
      }
      case "user" -> {
        DemoCatalog.User target = catalog.users[r.nextInt(catalog.users.length)];
        e.resourceId = target.id();
        e.resourceTarget = target.username();
        e.resourceLink = "/users/" + target.username();
        e.orgStyle = OrgStyle.ABSENT;
        if ("register".equals(e.action)) {
          e.user = -1;
        }
        if ("write".equals(e.action)) {
          e.diff = DemoWords.pick(r, DemoWords.USER_DIFFS);
          if (e.diff[0].secret()) {
            // A password change is nearly always a person changing their own.
            e.resourceId = u.id();
            e.resourceTarget = u.username();
            e.resourceLink = "/users/" + u.username();
          } else if (r.nextInt(60) == 0) {
            e.diff = DemoWords.roleChange(r);
          }
        }
        if ("delete".equals(e.action)) {
          e.deleted = true;
        }
      }
      case "git_ssh_key" -> {
        e.resourceId = u.id();
        e.resourceTarget = u.username();
        e.orgStyle = OrgStyle.ABSENT;
        e.diff =
            new Change[] {
              new Change(
                  "public_key",
                  DemoWords.quote("ssh-ed25519 AAAAC3Nz" + DemoWords.randomHex(r, 24)),
                  DemoWords.quote("ssh-ed25519 AAAAC3Nz" + DemoWords.randomHex(r, 24)),
                  false),
              new Change("private_key", "\"\"", "\"\"", true),
              new Change(
                  "updated_at",
                  DemoWords.quote("2024-01-01T00:00:00Z"),
                  DemoWords.quote(Instant.ofEpochSecond(e.micros / 1_000_000L).toString()),
                  false)
            };
      }
      case "group" -> {
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget = catalog.groups[r.nextInt(catalog.groups.length)];
        e.diff =
            "write".equals(e.action)
                ? new Change[] {
                  new Change(
                      "quota_allowance",
                      Integer.toString(r.nextInt(20)),
                      Integer.toString(r.nextInt(40)),
                      false)
                }
                : new Change[0];
      }
      case "license" -> {
        e.resourceId = Integer.toString(1 + r.nextInt(9));
        e.resourceTarget = "license " + e.resourceId;
        e.orgStyle = OrgStyle.ABSENT;
        e.diff =
            new Change[] {
              new Change("jwt", "\"\"", "\"\"", true),
              new Change("uuid", "\"\"", DemoWords.quote(DemoCatalog.uuid(r)), false)
            };
      }
      case "workspace_proxy", "oauth2_provider_app_secret" -> {
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget =
            "workspace_proxy".equals(spec.type())
                ? "proxy-" + (1 + r.nextInt(4))
                : "secret-" + DemoWords.randomHex(r, 6);
        e.orgStyle = OrgStyle.ABSENT;
        e.diff =
            new Change[] {
              new Change(
                  "workspace_proxy".equals(spec.type()) ? "token_hashed_secret" : "hashed_secret",
                  "\"\"",
                  "\"\"",
                  true),
              new Change(
                  "display_secret",
                  "\"\"",
                  DemoWords.quote("****" + DemoWords.randomHex(r, 4)),
                  false)
            };
      }
      case "workspace_agent", "workspace_app" -> {
        DemoCatalog.Workspace ws = catalog.workspaces[pickWorkspace(r)];
        e.user = r.nextInt(100) < 90 ? ws.owner() : e.user;
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget =
            "workspace_agent".equals(spec.type())
                ? "main"
                : DemoWords.APPS[r.nextInt(DemoWords.APPS.length)];
        e.org = ws.org();
        e.workspaceName = ws.name();
        e.workspaceOwner = catalog.users[ws.owner()].username();
        e.workspaceId = ws.id();
        e.description =
            "{user} "
                + verb
                + " "
                + ("workspace_agent".equals(spec.type())
                    ? "to workspace " + ws.name()
                    : "app {target}");
      }
      case "health_settings", "notifications_settings", "prebuilds_settings" -> {
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget = "";
        e.orgStyle = OrgStyle.ABSENT;
        e.diff = new Change[] {new Change("dismissed_healthchecks", "[]", "[\"DERP\"]", false)};
      }
      default -> {
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget = spec.type().replace('_', '-') + "-" + (1 + r.nextInt(30));
      }
    }
    if (("create".equals(e.action) || "write".equals(e.action) || "delete".equals(e.action))
        && r.nextInt(100) < 5) {
      e.statusCode = new int[] {400, 403, 409, 500}[r.nextInt(4)];
    }
    if ("task".equals(spec.type())) {
      aiResource(e, r);
    }
  }

  /**
   * Spreads the "task" share over Coder's newer AI resources. Drawn after everything else, so every
   * other event of a seed, and every earlier field of this one, stays as it was.
   */
  private static void aiResource(DemoEvent e, SplittableRandom r) {
    String type = DemoWords.AI_TYPES[r.nextInt(DemoWords.AI_TYPES.length)];
    String number = e.resourceTarget.substring(e.resourceTarget.lastIndexOf('-') + 1);
    e.resourceType = type;
    e.resourceTarget = type.replace('_', '-') + "-" + number;
    e.description =
        "{user} " + DemoWords.verb(e.action) + " " + type.replace('_', ' ') + " {target}";
  }
}
