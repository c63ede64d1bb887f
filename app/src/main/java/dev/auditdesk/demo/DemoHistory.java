package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.auditdesk.demo.DemoEvent.Change;
import dev.auditdesk.demo.DemoEvent.OrgStyle;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, compact audit history: per event only its time (epoch microseconds, 8 bytes) and its
 * kind (1 byte) are stored, in chronological order; everything else is regenerated from {@code
 * hash(seed, day, number within the day)} when the event is served. A million events take about 9
 * MB.
 *
 * <p>Activity is skewed like a real deployment: weekdays and business hours, holidays, a few busy
 * users, scheduled autostart in the morning and autostop in the evening (system events with {@code
 * user: null}), and the older connection actions only in the older part of the history.
 */
final class DemoHistory {

  static final byte HUMAN = 0;
  static final byte AUTOSTART = 1;
  static final byte AUTOSTOP = 2;

  private static final long DAY_MICROS = 86_400_000_000L;
  private static final double SATURDAY_WEIGHT = 0.18;
  private static final double SUNDAY_WEIGHT = 0.12;
  private static final String[] USER_AGENTS = {
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
    new Spec("create", "task", 4, 0),
    new Spec("connect", "workspace_agent", 0, 90),
    new Spec("disconnect", "workspace_agent", 0, 85),
    new Spec("open", "workspace_app", 0, 50),
    new Spec("close", "workspace_app", 0, 40),
    // Values from releases newer than this AuditDesk: they must be shown, never dropped.
    new Spec("share", "workspace", 1, 0),
    new Spec("create", "ai_seat", 1, 0),
    new Spec("hibernate", "workspace", 1, 0),
  };

  private static final int[] RARE_DIGITS = {1, 2, 4, 5, 7, 8};
  private static final int[] CUM_NEW = cumulative(true);
  private static final int[] CUM_OLD = cumulative(false);

  private record Times(long[] micros, byte[] kinds, int size) {}

  /**
   * The generated part of the history: event {@code i} is number {@code i - dayFirstIndex[d] +
   * firstOfDay[d]} of day {@code days[d]}, which gives it the same identity in every window.
   */
  private record Window(
      Times times, long[] days, int[] dayFirstIndex, int[] firstOfDay, long firstDayMicros) {}

  /** A day's events in time order, as many as had happened by the end of the history. */
  private record Day(long epochDay, long[] micros, byte[] kinds) {}

  private final long seed;
  private final DemoCatalog catalog;
  private final long startMicros;
  private final long oldCutoffMicros;
  private final long orgIdOnlyCutoffMicros;
  private final long[] days;
  private final int[] dayFirstIndex;
  private final int[] firstOfDay;
  private final int generated;
  private volatile Times times;
  private final SerializedString[] userJson;
  private final SerializedString[] orgJson;

  /**
   * The newest {@code events} events of the seed's endless timeline up to {@code end}. Each
   * calendar day's events depend only on the seed and the day, so a later end keeps every earlier
   * event (same id, same time) and adds the ones that happened since, like a real deployment.
   */
  DemoHistory(long seed, int events, Instant end) {
    this.seed = seed;
    long endMicros = end.getEpochSecond() * 1_000_000L + end.getNano() / 1000;
    Window w = generate(events, endMicros);
    this.days = w.days();
    this.dayFirstIndex = w.dayFirstIndex();
    this.firstOfDay = w.firstOfDay();
    this.generated = events;
    this.times = w.times();
    this.startMicros = w.firstDayMicros();
    this.oldCutoffMicros = startMicros + (long) ((endMicros - startMicros) * 0.55);
    this.orgIdOnlyCutoffMicros = startMicros + (long) ((endMicros - startMicros) * 0.12);
    this.catalog = new DemoCatalog(seed, Instant.ofEpochSecond(startMicros / 1_000_000L));
    this.userJson = new SerializedString[catalog.users.length];
    for (int u = 0; u < userJson.length; u++) {
      userJson[u] = new SerializedString(catalog.users[u].json());
    }
    this.orgJson = new SerializedString[catalog.orgs.length];
    for (int o = 0; o < orgJson.length; o++) {
      orgJson[o] = new SerializedString(catalog.orgs[o].json());
    }
  }

  DemoCatalog catalog() {
    return catalog;
  }

  int size() {
    return times.size();
  }

  long micros(int i) {
    return times.micros()[i];
  }

  /**
   * Appends {@code n} events that happen now, by the server's clock (never before the newest event
   * already there; an event written with whole seconds may share its second with others).
   */
  synchronized void append(int n) {
    Times t = times;
    long[] m = t.micros();
    byte[] k = t.kinds();
    if (t.size() + n > m.length) {
      int cap = Math.max(t.size() + n, m.length + m.length / 2 + 16);
      m = Arrays.copyOf(m, cap);
      k = Arrays.copyOf(k, cap);
    }
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    long last = t.size() == 0 ? startMicros : m[t.size() - 1];
    for (int j = 0; j < n; j++) {
      int i = t.size() + j;
      last = roundUp(Math.max(last, nowMicros - (n - 1 - j)), digits(key(i)));
      m[i] = last;
      k[i] = HUMAN;
    }
    times = new Times(m, k, t.size() + n);
  }

  /**
   * The identity of event {@code i}: its day and number within the day for the generated history
   * (the same in every window), a negative number for events appended while serving.
   */
  private long key(int i) {
    if (i >= generated) {
      return ~(long) i;
    }
    int d = Arrays.binarySearch(dayFirstIndex, i);
    if (d < 0) {
      d = -d - 2;
    }
    return (days[d] << 24) | (i - dayFirstIndex[d] + firstOfDay[d]);
  }

  /** Walks back from the end's day until {@code events} events are found, then lays them out. */
  private Window generate(int events, long endMicros) {
    int spanDays = Math.max(30, Math.min(1100, events / 150));
    // Expected events on an ordinary weekday, so that about spanDays days hold all the events.
    double perWeekday = events / (spanDays * (5 + SATURDAY_WEIGHT + SUNDAY_WEIGHT) / 7.0);
    long endDay = Math.floorDiv(endMicros, DAY_MICROS);
    List<Day> newestFirst = new ArrayList<>();
    int found = 0;
    for (long day = endDay; found < events; day--) {
      Day d = day(day, perWeekday, endMicros);
      if (d.micros().length > 0) {
        newestFirst.add(d);
        found += d.micros().length;
      }
    }
    long[] micros = new long[events];
    byte[] kinds = new byte[events];
    int n = newestFirst.size();
    long[] dayNumbers = new long[n];
    int[] firstIndex = new int[n];
    int[] firstOfDay = new int[n];
    int index = 0;
    for (int s = 0; s < n; s++) {
      Day d = newestFirst.get(n - 1 - s);
      // Only the newest events of the oldest day fit.
      int skip = s == 0 ? found - events : 0;
      int take = d.micros().length - skip;
      System.arraycopy(d.micros(), skip, micros, index, take);
      System.arraycopy(d.kinds(), skip, kinds, index, take);
      dayNumbers[s] = d.epochDay();
      firstIndex[s] = index;
      firstOfDay[s] = skip;
      index += take;
    }
    long firstDay = n == 0 ? endDay - spanDays + 1 : dayNumbers[0];
    return new Window(
        new Times(micros, kinds, events),
        dayNumbers,
        firstIndex,
        firstOfDay,
        firstDay * DAY_MICROS);
  }

  /** The events of one calendar day up to {@code endMicros}; the day alone decides them. */
  private Day day(long epochDay, double perWeekday, long endMicros) {
    SplittableRandom r = new SplittableRandom(mix(seed * 31 + 7, epochDay));
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    boolean weekend = date.getDayOfWeek().getValue() >= 6;
    double weekday =
        switch (date.getDayOfWeek()) {
          case SATURDAY -> SATURDAY_WEIGHT;
          case SUNDAY -> SUNDAY_WEIGHT;
          default -> 1.0;
        };
    boolean holidays = date.getMonthValue() == 12 && date.getDayOfMonth() >= 23;
    double exact = perWeekday * weekday * (holidays ? 0.3 : 1.0) * (0.75 + 0.5 * r.nextDouble());
    int n = (int) exact + (r.nextDouble() < exact - Math.floor(exact) ? 1 : 0);
    long[] packed = new long[n];
    for (int j = 0; j < n; j++) {
      packed[j] = draw(r, weekend);
    }
    Arrays.sort(packed);
    long dayStart = epochDay * DAY_MICROS;
    long[] micros = new long[n];
    byte[] kinds = new byte[n];
    int happened = 0;
    for (int j = 0; j < n; j++) {
      long raw = dayStart + (packed[j] >>> 2);
      long t = roundUp(j == 0 ? raw : Math.max(raw, micros[j - 1]), digits((epochDay << 24) | j));
      if (t > endMicros) {
        break;
      }
      micros[j] = t;
      kinds[j] = (byte) (packed[j] & 3);
      happened++;
    }
    return happened == n
        ? new Day(epochDay, micros, kinds)
        : new Day(epochDay, Arrays.copyOf(micros, happened), Arrays.copyOf(kinds, happened));
  }

  /** One event of a day: its kind and time of day, packed as {@code microsOfDay << 2 | kind}. */
  private static long draw(SplittableRandom r, boolean weekend) {
    double p = r.nextDouble();
    byte kind;
    double seconds;
    if (p < (weekend ? 0.01 : 0.07)) {
      kind = AUTOSTART;
      seconds = 6 * 3600 + 50 * 60 + r.nextDouble() * 25 * 60;
    } else if (p < (weekend ? 0.03 : 0.13)) {
      kind = AUTOSTOP;
      seconds = 18 * 3600 + r.nextDouble() * 150 * 60;
    } else {
      kind = HUMAN;
      seconds =
          r.nextDouble() < 0.88
              ? 8 * 3600 + (r.nextDouble() + r.nextDouble()) * 5.25 * 3600
              : r.nextDouble() * 86_400;
    }
    // At least a second before midnight, so rounding up never carries it into the next day.
    long offset =
        ((long) (seconds * 1_000_000L) + r.nextLong(1_000_000L)) % (DAY_MICROS - 1_000_000L);
    return (offset << 2) | kind;
  }

  /**
   * How many fractional digits the time of the event with this key has (0–9); most have 6, as
   * Postgres.
   */
  private int digits(long key) {
    int v = (int) ((mix(seed ^ 0xABCDL, key) >>> 33) % 100);
    if (v < 60) {
      return 6;
    }
    if (v < 70) {
      return 9;
    }
    if (v < 80) {
      return 3;
    }
    if (v < 85) {
      return 0;
    }
    return RARE_DIGITS[v % 6];
  }

  /**
   * Rounds up to what {@code digits} fractional digits can show. Rounding up (not down) after
   * taking the maximum with the previous event keeps the history in order.
   */
  private static long roundUp(long micros, int digits) {
    if (digits >= 6) {
      return micros;
    }
    long unit = (long) Math.pow(10, 6 - digits);
    return Math.floorDiv(micros + unit - 1, unit) * unit;
  }

  private SplittableRandom rng(long i) {
    return new SplittableRandom(mix(seed, i));
  }

  private static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
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
    for (Spec s : SPECS) {
      if (s.type().equals(t)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------- one event

  /** Regenerates event {@code i} (same seed and index, same event). */
  DemoEvent event(int i) {
    Times t = times;
    long key = key(i);
    SplittableRandom r = rng(key);
    DemoEvent e = new DemoEvent();
    e.id = DemoCatalog.uuid(r);
    e.requestId = DemoCatalog.uuid(r);
    e.micros = t.micros()[i];
    e.fractionDigits = digits(key);
    int offsetRoll = r.nextInt(1000);
    e.offsetMinutes = offsetRoll < 3 ? 330 : offsetRoll < 5 ? -420 : offsetRoll < 6 ? 60 : 0;
    boolean old = e.micros < oldCutoffMicros;
    e.unknownExtra = r.nextInt(1000) < 4 ? 1 + r.nextInt(2) : 0;
    byte kind = t.kinds()[i];
    if (kind == AUTOSTART || kind == AUTOSTOP) {
      system(e, r, kind == AUTOSTART);
    } else {
      human(e, r, old);
    }
    if (e.orgStyle == OrgStyle.OBJECT && e.micros < orgIdOnlyCutoffMicros) {
      e.orgStyle = OrgStyle.ID_ONLY;
    }
    e.additionalFieldsAsString = old && e.buildNumber > 0 && r.nextInt(100) == 0;
    return e;
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
    int[] cum = old ? CUM_OLD : CUM_NEW;
    int roll = r.nextInt(cum[cum.length - 1]);
    int s = 0;
    while (cum[s] <= roll) {
      s++;
    }
    Spec spec = SPECS[s];
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
    e.userAgent = USER_AGENTS[r.nextInt(USER_AGENTS.length)];
    e.org = u.org();
    e.statusCode =
        switch (e.action) {
          case "create", "register" -> 201;
          default -> 200;
        };
    String verb = verb(e.action);
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
          e.diff = pick(r, WORKSPACE_DIFFS);
        }
      }
      case "template", "template_version" -> {
        DemoCatalog.Template tpl =
            catalog.templates[(int) (DemoCatalog.TEMPLATES * Math.pow(r.nextDouble(), 2))];
        e.resourceId = "template".equals(spec.type()) ? tpl.id() : DemoCatalog.uuid(r);
        e.resourceTarget =
            "template".equals(spec.type())
                ? tpl.name()
                : ADJ_VERSIONS[r.nextInt(ADJ_VERSIONS.length)] + r.nextInt(100);
        e.resourceLink =
            "/templates/"
                + tpl.name()
                + ("template".equals(spec.type()) ? "" : "/versions/" + e.resourceTarget);
        e.resourceIcon = tpl.icon();
        e.org = tpl.org();
        if ("write".equals(e.action)) {
          e.diff = pick(r, TEMPLATE_DIFFS);
        }
      }
      case "api_key" -> {
        e.resourceId = randomHex(r, 10);
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
          e.resourceTarget = TOKEN_NAMES[r.nextInt(TOKEN_NAMES.length)];
          e.diff =
              new Change[] {
                new Change("hashed_secret", "\"\"", "\"\"", true),
                new Change("token_name", "\"\"", quote(e.resourceTarget), false),
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
          e.diff = pick(r, USER_DIFFS);
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
                  quote("ssh-ed25519 AAAAC3Nz" + randomHex(r, 24)),
                  quote("ssh-ed25519 AAAAC3Nz" + randomHex(r, 24)),
                  false),
              new Change("private_key", "\"\"", "\"\"", true),
              new Change(
                  "updated_at",
                  quote("2024-01-01T00:00:00Z"),
                  quote(Instant.ofEpochSecond(e.micros / 1_000_000L).toString()),
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
              new Change("uuid", "\"\"", quote(DemoCatalog.uuid(r)), false)
            };
      }
      case "workspace_proxy", "oauth2_provider_app_secret" -> {
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget =
            "workspace_proxy".equals(spec.type())
                ? "proxy-" + (1 + r.nextInt(4))
                : "secret-" + randomHex(r, 6);
        e.orgStyle = OrgStyle.ABSENT;
        e.diff =
            new Change[] {
              new Change(
                  "workspace_proxy".equals(spec.type()) ? "token_hashed_secret" : "hashed_secret",
                  "\"\"",
                  "\"\"",
                  true),
              new Change("display_secret", "\"\"", quote("****" + randomHex(r, 4)), false)
            };
      }
      case "workspace_agent", "workspace_app" -> {
        DemoCatalog.Workspace ws = catalog.workspaces[pickWorkspace(r)];
        e.user = r.nextInt(100) < 90 ? ws.owner() : e.user;
        e.resourceId = DemoCatalog.uuid(r);
        e.resourceTarget =
            "workspace_agent".equals(spec.type()) ? "main" : APPS[r.nextInt(APPS.length)];
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
  }

  private static final String[] ADJ_VERSIONS = {
    "hopeful_swirles", "keen_noether", "zen_turing", "sleepy_hopper", "bold_lovelace"
  };
  private static final String[] TOKEN_NAMES = {
    "ci-token", "terraform", "laptop", "gh-actions", "backup-job", "grafana"
  };
  private static final String[] APPS = {
    "code-server", "jupyter", "terminal", "rstudio", "filebrowser"
  };

  private static final Change[][] WORKSPACE_DIFFS = {
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
  private static final Change[][] TEMPLATE_DIFFS = {
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
  private static final Change[][] USER_DIFFS = {
    {
      new Change("hashed_password", "\"\"", "\"\"", true),
      new Change("updated_at", "\"2025-01-01T00:00:00Z\"", "\"2025-02-01T00:00:00Z\"", false)
    },
    {new Change("status", "\"active\"", "\"suspended\"", false)},
    {
      new Change("rbac_roles", "[]", "[\"template-admin\"]", false),
      new Change("login_type", "\"password\"", "\"oidc\"", false)
    }
  };

  /** One of the typical diffs of a resource type (shared arrays: events only read them). */
  private static Change[] pick(SplittableRandom r, Change[][] diffs) {
    return diffs[r.nextInt(diffs.length)];
  }

  private static String verb(String action) {
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

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String randomHex(SplittableRandom r, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------------------- JSON

  private static final SerializedString F_ID = new SerializedString("id");
  private static final SerializedString F_REQUEST_ID = new SerializedString("request_id");
  private static final SerializedString F_TIME = new SerializedString("time");
  private static final SerializedString F_IP = new SerializedString("ip");
  private static final SerializedString F_USER_AGENT = new SerializedString("user_agent");
  private static final SerializedString F_RESOURCE_TYPE = new SerializedString("resource_type");
  private static final SerializedString F_RESOURCE_ID = new SerializedString("resource_id");
  private static final SerializedString F_RESOURCE_TARGET = new SerializedString("resource_target");
  private static final SerializedString F_RESOURCE_ICON = new SerializedString("resource_icon");
  private static final SerializedString F_ACTION = new SerializedString("action");
  private static final SerializedString F_DIFF = new SerializedString("diff");
  private static final SerializedString F_OLD = new SerializedString("old");
  private static final SerializedString F_NEW = new SerializedString("new");
  private static final SerializedString F_SECRET = new SerializedString("secret");
  private static final SerializedString F_STATUS_CODE = new SerializedString("status_code");
  private static final SerializedString F_ADDITIONAL_FIELDS =
      new SerializedString("additional_fields");
  private static final SerializedString F_DESCRIPTION = new SerializedString("description");
  private static final SerializedString F_RESOURCE_LINK = new SerializedString("resource_link");
  private static final SerializedString F_IS_DELETED = new SerializedString("is_deleted");
  private static final SerializedString F_ORGANIZATION_ID = new SerializedString("organization_id");
  private static final SerializedString F_ORGANIZATION = new SerializedString("organization");
  private static final SerializedString F_USER = new SerializedString("user");
  private static final SerializedString F_RESOURCE_OWNER_HINT =
      new SerializedString("resource_owner_hint");
  private static final SerializedString F_TRACE_ID = new SerializedString("trace_id");
  private static final SerializedString EMPTY_OBJECT = new SerializedString("{}");
  private static final SerializedString FUTURE_HINT =
      new SerializedString("{\"kind\":\"future\",\"level\":3}");

  /** Writes an event the way Coder's API does (same fields, same order). */
  void write(JsonGenerator g, DemoEvent e, char[] timeBuf) throws IOException {
    g.writeStartObject();
    g.writeFieldName(F_ID);
    g.writeString(e.id);
    g.writeFieldName(F_REQUEST_ID);
    g.writeString(e.requestId);
    g.writeFieldName(F_TIME);
    g.writeString(timeBuf, 0, formatTime(e, timeBuf));
    g.writeFieldName(F_IP);
    g.writeString(e.ip);
    g.writeFieldName(F_USER_AGENT);
    g.writeString(e.userAgent);
    g.writeFieldName(F_RESOURCE_TYPE);
    g.writeString(e.resourceType);
    g.writeFieldName(F_RESOURCE_ID);
    g.writeString(e.resourceId);
    g.writeFieldName(F_RESOURCE_TARGET);
    g.writeString(e.resourceTarget);
    g.writeFieldName(F_RESOURCE_ICON);
    g.writeString(e.resourceIcon);
    g.writeFieldName(F_ACTION);
    g.writeString(e.action);
    g.writeFieldName(F_DIFF);
    g.writeStartObject();
    for (Change c : e.diff) {
      g.writeFieldName(c.field());
      g.writeStartObject();
      g.writeFieldName(F_OLD);
      g.writeRawValue(c.oldJson());
      g.writeFieldName(F_NEW);
      g.writeRawValue(c.newJson());
      g.writeFieldName(F_SECRET);
      g.writeBoolean(c.secret());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeFieldName(F_STATUS_CODE);
    g.writeNumber(e.statusCode);
    g.writeFieldName(F_ADDITIONAL_FIELDS);
    if (e.buildNumber > 0 || !e.workspaceName.isEmpty()) {
      String fields = additionalFields(e);
      if (e.additionalFieldsAsString) {
        g.writeString(fields);
      } else {
        g.writeRawValue(fields);
      }
    } else {
      g.writeRawValue(EMPTY_OBJECT);
    }
    g.writeFieldName(F_DESCRIPTION);
    g.writeString(e.description);
    g.writeFieldName(F_RESOURCE_LINK);
    g.writeString(e.resourceLink);
    g.writeFieldName(F_IS_DELETED);
    g.writeBoolean(e.deleted);
    if (e.orgStyle != OrgStyle.ABSENT) {
      g.writeFieldName(F_ORGANIZATION_ID);
      g.writeString(catalog.orgs[e.org].id());
    }
    if (e.orgStyle == OrgStyle.OBJECT) {
      g.writeFieldName(F_ORGANIZATION);
      g.writeRawValue(orgJson[e.org]);
    }
    g.writeFieldName(F_USER);
    if (e.user < 0) {
      g.writeNull();
    } else {
      g.writeRawValue(userJson[e.user]);
    }
    if (e.unknownExtra == 1) {
      g.writeFieldName(F_RESOURCE_OWNER_HINT);
      g.writeRawValue(FUTURE_HINT);
    } else if (e.unknownExtra == 2) {
      g.writeFieldName(F_TRACE_ID);
      g.writeString(e.requestId.replace("-", ""));
    }
    g.writeEndObject();
  }

  private static String additionalFields(DemoEvent e) {
    StringBuilder sb = new StringBuilder(160).append('{');
    if (e.buildNumber > 0) {
      sb.append("\"build_number\":\"").append(e.buildNumber).append("\",");
      sb.append("\"build_reason\":\"").append(e.buildReason).append("\",");
    }
    sb.append("\"workspace_id\":\"").append(e.workspaceId).append("\",");
    sb.append("\"workspace_name\":\"").append(e.workspaceName).append("\",");
    sb.append("\"workspace_owner\":\"").append(e.workspaceOwner).append("\"}");
    return sb.toString();
  }

  /** RFC 3339 with the event's own number of fractional digits and offset, into {@code buf}. */
  static int formatTime(DemoEvent e, char[] buf) {
    long totalMicros = e.micros + e.offsetMinutes * 60_000_000L;
    long sec = Math.floorDiv(totalMicros, 1_000_000L);
    int micro = (int) Math.floorMod(totalMicros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
    int p = 0;
    p = put(buf, p, t.getYear(), 4);
    buf[p++] = '-';
    p = put(buf, p, t.getMonthValue(), 2);
    buf[p++] = '-';
    p = put(buf, p, t.getDayOfMonth(), 2);
    buf[p++] = 'T';
    p = put(buf, p, t.getHour(), 2);
    buf[p++] = ':';
    p = put(buf, p, t.getMinute(), 2);
    buf[p++] = ':';
    p = put(buf, p, t.getSecond(), 2);
    if (e.fractionDigits > 0) {
      buf[p++] = '.';
      int f = put(buf, p, micro, 6);
      if (e.fractionDigits < 6) {
        p += e.fractionDigits;
      } else {
        p = f;
        for (int k = 6; k < e.fractionDigits; k++) {
          buf[p++] = '0';
        }
      }
    }
    if (e.offsetMinutes == 0) {
      buf[p++] = 'Z';
    } else {
      int m = Math.abs(e.offsetMinutes);
      buf[p++] = e.offsetMinutes > 0 ? '+' : '-';
      p = put(buf, p, m / 60, 2);
      buf[p++] = ':';
      p = put(buf, p, m % 60, 2);
    }
    return p;
  }

  private static int put(char[] buf, int p, int value, int width) {
    for (int k = width - 1; k >= 0; k--) {
      buf[p + k] = (char) ('0' + value % 10);
      value /= 10;
    }
    return p + width;
  }
}
