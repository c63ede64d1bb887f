package dev.auditdesk.demo;

import dev.auditdesk.demo.DemoEvent.Change;
import dev.auditdesk.demo.DemoEvent.OrgStyle;
import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionRow.SshInfo;
import dev.auditdesk.model.ConnectionRow.WebInfo;
import dev.auditdesk.model.Organization;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A few of each pattern the insight rules look for, planted in the last week of the demo history so
 * a person opening the demo sees findings at once: failed sign-ins in bursts (one account from one
 * address, and many accounts from another), a sign-in from a new address, a role granted on a
 * Sunday night, a mass deletion, a password reset by an administrator, quiet working days (see
 * {@link #silent}), a session open for days and denied port forwards. All times are in UTC.
 */
final class DemoPatterns {

  static final String BURST_IP = "203.0.113.66";
  static final String SPRAY_IP = "198.51.100.77";
  static final String NEW_IP = "192.0.2.44";

  private static final long DAY = 86_400_000_000L;
  private static final long MINUTE = 60_000_000L;
  private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

  private DemoPatterns() {}

  /**
   * Whether the working hours of this day were silent: one day in 45, fixed by the seed, so a later
   * history end keeps the same quiet days.
   */
  static boolean silent(long seed, long epochDay) {
    return Math.floorMod(epochDay, 45) == Math.floorMod(seed, 45);
  }

  /** The silent part of a silent day, in microseconds of the day: 09:00 to 17:00. */
  static boolean silentTime(long microsOfDay) {
    return microsOfDay >= 9 * 60 * MINUTE && microsOfDay < 17 * 60 * MINUTE;
  }

  /** The planted audit events, oldest first. */
  static List<DemoEvent> events(DemoCatalog c, long seed, long endMicros) {
    SplittableRandom r = new SplittableRandom(seed * 104_729 + 3);
    long today = Math.floorDiv(endMicros, DAY) * DAY;
    List<DemoEvent> out = new ArrayList<>();
    DemoCatalog.User victim = c.users[7];
    long burst = today - 2 * DAY + 3 * 60 * MINUTE + 10 * MINUTE;
    for (int k = 0; k < 14; k++) {
      out.add(login(c, r, burst + k * 45_000_000L, -1, victim.username(), BURST_IP, 401));
    }
    String[] tried = {"admin", "root", "test", "administrator", "coder", "support", "it", "dev"};
    long spray = today - 5 * DAY + 22 * 60 * MINUTE + 40 * MINUTE;
    for (int k = 0; k < 12; k++) {
      out.add(login(c, r, spray + k * 50_000_000L, -1, tried[k % tried.length] + k, SPRAY_IP, 401));
    }
    out.add(
        login(
            c,
            r,
            today - DAY + 9 * 60 * MINUTE + 30 * MINUTE,
            2,
            c.users[2].username(),
            NEW_IP,
            201));
    DemoEvent grant =
        change(
            c, r, lastSunday(endMicros - DAY) + 2 * 60 * MINUTE + 15 * MINUTE, 0, "write", "user");
    DemoCatalog.User promoted = c.users[11];
    target(grant, promoted);
    grant.diff = new Change[] {new Change("rbac_roles", "[]", "[\"owner\"]", false)};
    out.add(grant);
    long purge = today - 4 * DAY + 15 * 60 * MINUTE;
    for (int k = 0; k < 24; k++) {
      DemoCatalog.Workspace ws = c.workspaces[100 + k * 7];
      DemoEvent d = change(c, r, purge + k * 40_000_000L, 9, "delete", "workspace");
      d.resourceId = ws.id();
      d.resourceTarget = ws.name();
      d.resourceLink = "/@" + c.users[ws.owner()].username() + "/" + ws.name();
      d.org = ws.org();
      d.orgStyle = OrgStyle.OBJECT;
      d.deleted = true;
      out.add(d);
    }
    DemoEvent reset =
        change(c, r, today - 6 * DAY + 11 * 60 * MINUTE + 20 * MINUTE, 0, "write", "user");
    target(reset, c.users[15]);
    reset.diff =
        new Change[] {
          new Change("hashed_password", "\"\"", "\"\"", true),
          new Change("login_type", "\"oidc\"", "\"password\"", false)
        };
    out.add(reset);
    return out;
  }

  /** The planted connection log rows: an SSH session open for three days, denied port forwards. */
  static List<ConnectionRow> connections(DemoCatalog c, SplittableRandom r, long endMicros) {
    List<ConnectionRow> out = new ArrayList<>();
    DemoCatalog.Workspace ws = c.workspaces[5];
    out.add(
        row(
            c,
            r,
            ws,
            endMicros - 3 * DAY - 47 * MINUTE,
            "ssh",
            "SSH",
            null,
            new SshInfo(DemoCatalog.uuid(r), Instant.MAX, "", "", 0, false),
            ""));
    DemoCatalog.Workspace target = c.workspaces[8];
    DemoCatalog.User u = c.users[20];
    for (int k = 0; k < 5; k++) {
      WebInfo web =
          new WebInfo(
              AGENT,
              new Actor(u.id(), u.username(), u.email(), u.name()),
              Integer.toString(5432),
              403);
      out.add(
          row(
              c,
              r,
              target,
              endMicros - DAY + 14 * 60 * MINUTE + k * MINUTE,
              "port_forwarding",
              "Port forwarding",
              web,
              null,
              u.ipv4()));
    }
    return out;
  }

  private static ConnectionRow row(
      DemoCatalog c,
      SplittableRandom r,
      DemoCatalog.Workspace ws,
      long micros,
      String type,
      String display,
      WebInfo web,
      SshInfo ssh,
      String ip) {
    DemoCatalog.User owner = c.users[ws.owner()];
    DemoCatalog.Org org = c.orgs[ws.org()];
    Instant at = DemoConnections.instant(micros);
    return new ConnectionRow(
        DemoCatalog.uuid(r),
        at,
        ConnectionSearch.instant(at),
        new Organization(org.id(), org.name(), org.displayName()),
        owner.id(),
        owner.username(),
        ws.id(),
        ws.name(),
        "main",
        ip.isEmpty() ? owner.ipv4() : ip,
        type,
        display,
        web,
        ssh,
        "");
  }

  private static DemoEvent login(
      DemoCatalog c,
      SplittableRandom r,
      long micros,
      int user,
      String account,
      String ip,
      int status) {
    DemoEvent e = base(r, micros, user);
    e.action = "login";
    e.resourceType = "api_key";
    e.resourceId = DemoWords.randomHex(r, 10);
    e.resourceTarget = account;
    e.orgStyle = OrgStyle.ABSENT;
    e.ip = ip;
    e.statusCode = status;
    e.description = "{user} logged in";
    e.org = user >= 0 ? c.users[user].org() : 0;
    return e;
  }

  private static DemoEvent change(
      DemoCatalog c, SplittableRandom r, long micros, int user, String action, String type) {
    DemoEvent e = base(r, micros, user);
    e.action = action;
    e.resourceType = type;
    e.ip = c.users[user].ipv4();
    e.org = c.users[user].org();
    e.statusCode = 200;
    e.description = "{user} " + DemoWords.verb(action) + " " + type + " {target}";
    return e;
  }

  private static void target(DemoEvent e, DemoCatalog.User u) {
    e.resourceId = u.id();
    e.resourceTarget = u.username();
    e.resourceLink = "/users/" + u.username();
    e.orgStyle = OrgStyle.ABSENT;
  }

  private static DemoEvent base(SplittableRandom r, long micros, int user) {
    DemoEvent e = new DemoEvent();
    e.id = DemoCatalog.uuid(r);
    e.requestId = DemoCatalog.uuid(r);
    e.micros = micros;
    e.fractionDigits = 6;
    e.user = user;
    e.userAgent = AGENT;
    return e;
  }

  /** Midnight UTC of the last Sunday on or before {@code micros}. */
  private static long lastSunday(long micros) {
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(micros, DAY));
    while (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
      d = d.minusDays(1);
    }
    return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
  }
}
