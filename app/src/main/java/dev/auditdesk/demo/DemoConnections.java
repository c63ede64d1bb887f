package dev.auditdesk.demo;

import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionRow.SshInfo;
import dev.auditdesk.model.ConnectionRow.WebInfo;
import dev.auditdesk.model.Organization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo deployment's connection log: a deterministic history (same seed, same rows) of SSH and
 * IDE sessions (some still open), web terminals, apps, port forwards and tunnels (some denied), and
 * the changes a test makes happen (an open session ends, new connections arrive).
 */
final class DemoConnections {

  /** type, display name, share in percent; the last ones carry web_info. */
  private static final Object[][] TYPES = {
    {"ssh", "SSH", 20},
    {"vscode", "VS Code", 18},
    {"cursor", "Cursor", 6},
    {"jetbrains", "JetBrains", 8},
    {"reconnecting_pty", "Web Terminal", 10},
    {"zed", "Zed", 2},
    {"workspace_app", "Workspace App", 15},
    {"port_forwarding", "Port Forwarding", 12},
    {"tunnel", "Tunnel", 9},
  };

  private static final String[] REASONS = {
    "client disconnected", "server shut down", "workspace stopped", "session timed out"
  };

  private final DemoCatalog catalog;
  private final Instant end;
  private final SplittableRandom random;
  private final List<ConnectionRow> rows = new ArrayList<>();
  private int added;

  DemoConnections(DemoCatalog catalog, long seed, int count, Instant end, boolean patterns) {
    this.catalog = catalog;
    this.end = end;
    this.random = new SplittableRandom(seed * 31 + 0xC0FFEE);
    long span = Duration.ofDays(21).toNanos() / 1000;
    long endUs = micros(end);
    long previous = endUs;
    for (int i = 0; i < count; i++) {
      // About one row in eight shares its connect time with another (an IDE opening three at once).
      long at = i > 0 && random.nextInt(8) == 0 ? previous : endUs - 1 - random.nextLong(span);
      previous = at;
      rows.add(row(at, endUs));
    }
    if (patterns) {
      rows.addAll(DemoPatterns.connections(catalog, random, endUs));
    }
    sort();
  }

  /** Every row, newest connect time first; ties in a fixed order (the listing shuffles them). */
  synchronized List<ConnectionRow> all() {
    return List.copyOf(rows);
  }

  /**
   * Ends the {@code n} newest open sessions now; returns their ids. The rows keep their id and
   * connect time, as Coder's do when the disconnect arrives.
   */
  synchronized List<String> endSessions(int n) {
    List<String> ended = new ArrayList<>();
    for (int i = 0; i < rows.size() && ended.size() < n; i++) {
      ConnectionRow r = rows.get(i);
      if (r.isSession() && !r.sshInfo().ended()) {
        // PostgreSQL keeps microseconds, and so does every time the server lists.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Instant at = now.isAfter(r.connectTime()) ? now : r.connectTime();
        SshInfo s =
            new SshInfo(
                r.sshInfo().connectionId(),
                at,
                ConnectionSearch.instant(at),
                "client disconnected",
                0,
                !r.type().equals("reconnecting_pty"));
        rows.set(i, with(r, s));
        ended.add(r.id());
      }
    }
    return ended;
  }

  /** {@code n} new connections after every row so far, some of them open sessions. */
  synchronized void add(int n) {
    long base = Math.max(micros(end), micros(rows.isEmpty() ? end : rows.get(0).connectTime()));
    for (int i = 0; i < n; i++) {
      added++;
      rows.add(row(base + added * 1_000_000L, base + added * 1_000_000L + 1));
    }
    sort();
  }

  private void sort() {
    rows.sort(
        Comparator.comparing(ConnectionRow::connectTime)
            .reversed()
            .thenComparing(ConnectionRow::id));
  }

  private ConnectionRow row(long at, long endUs) {
    DemoCatalog.Workspace w = catalog.workspaces[random.nextInt(catalog.workspaces.length)];
    DemoCatalog.User owner = catalog.users[w.owner()];
    DemoCatalog.Org org = catalog.orgs[w.org()];
    Object[] type = pickType();
    String t = (String) type[0];
    Instant connect = instant(at);
    WebInfo web = null;
    SshInfo ssh = null;
    boolean isWeb = t.equals("workspace_app") || t.equals("port_forwarding") || t.equals("tunnel");
    if (isWeb) {
      boolean anonymous = t.equals("port_forwarding") && random.nextInt(4) == 0;
      DemoCatalog.User u = random.nextInt(5) == 0 ? pickUser() : owner;
      int status = status(t);
      web =
          new WebInfo(
              "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
              anonymous ? Actor.SYSTEM : new Actor(u.id(), u.username(), u.email(), u.name()),
              t.equals("workspace_app")
                  ? (random.nextBoolean() ? "code-server" : "jupyter")
                  : Integer.toString(3000 + random.nextInt(6000)),
              status);
    } else {
      String cid = DemoCatalog.uuid(random);
      boolean recent = endUs - at < 36L * 3600 * 1_000_000;
      if (recent && random.nextInt(3) == 0) {
        ssh = new SshInfo(cid, Instant.MAX, "", "", 0, false);
      } else {
        long stop = Math.min(endUs, at + 60_000_000L + random.nextLong(6L * 3600 * 1_000_000));
        Instant s = instant(stop);
        int exit = random.nextInt(10) == 0 ? (random.nextBoolean() ? 1 : 130) : 0;
        ssh =
            new SshInfo(
                cid,
                s,
                ConnectionSearch.instant(s),
                REASONS[random.nextInt(REASONS.length)],
                exit,
                !t.equals("reconnecting_pty"));
      }
    }
    return new ConnectionRow(
        DemoCatalog.uuid(random),
        connect,
        ConnectionSearch.instant(connect),
        new Organization(org.id(), org.name(), org.displayName()),
        owner.id(),
        owner.username(),
        w.id(),
        w.name(),
        "main",
        random.nextInt(10) == 0 ? "" : owner.ipv4(),
        t,
        (String) type[1],
        web,
        ssh,
        "");
  }

  private int status(String t) {
    int roll = random.nextInt(100);
    if (t.equals("tunnel")) {
      return roll < 30 ? 403 : 200; // denied tunnels: the authorisation outcome
    }
    return roll < 8 ? 502 : roll < 12 ? 404 : 200;
  }

  private Object[] pickType() {
    int roll = random.nextInt(100);
    int sum = 0;
    for (Object[] t : TYPES) {
      sum += (Integer) t[2];
      if (roll < sum) {
        return t;
      }
    }
    return TYPES[0];
  }

  private DemoCatalog.User pickUser() {
    return catalog.users[random.nextInt(catalog.users.length)];
  }

  private static ConnectionRow with(ConnectionRow r, SshInfo s) {
    return new ConnectionRow(
        r.id(),
        r.connectTime(),
        r.connectTimeText(),
        r.organization(),
        r.workspaceOwnerId(),
        r.workspaceOwnerUsername(),
        r.workspaceId(),
        r.workspaceName(),
        r.agentName(),
        r.ip(),
        r.type(),
        r.typeDisplayName(),
        null,
        s,
        "");
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
