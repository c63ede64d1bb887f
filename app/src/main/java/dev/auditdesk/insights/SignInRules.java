package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.EventSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Failed sign-ins in bursts, and sign-ins from an address never seen for that user. */
final class SignInRules {

  static final AuditQuery LOGINS =
      AuditQuery.ALL.with(dev.auditdesk.model.Facet.ACTION, Set.of("login"));

  private final AuditCache cache;
  private final InsightSettings settings;
  private final DateRange range;

  SignInRules(AuditCache cache, InsightSettings settings, DateRange range) {
    this.cache = cache;
    this.settings = settings;
    this.range = range;
  }

  /** Every finding of both rules, from one scan of the sign-in summaries. */
  List<Finding> run() {
    List<EventSummary> logins = new ArrayList<>();
    // The whole history: an address is new only against everything before it.
    cache.forEachSummary(LOGINS, Lookup.oldestFirst(), logins::add);
    List<Finding> out = new ArrayList<>();
    List<EventSummary> failed = logins.stream().filter(EventSummary::failed).toList();
    List<Finding> byUser = bursts(failed, SignInRules::account, false);
    List<Finding> byIp =
        bursts(failed.stream().filter(s -> !s.ip().isEmpty()).toList(), EventSummary::ip, true);
    Set<Set<String>> userSets = new HashSet<>();
    byUser.forEach(f -> userSets.add(Set.copyOf(f.ids())));
    out.addAll(byUser);
    // A burst against one account from one address is one finding, not two.
    byIp.stream().filter(f -> !userSets.contains(Set.copyOf(f.ids()))).forEach(out::add);
    out.addAll(newAddresses(logins));
    return out;
  }

  /** Who a sign-in was for: the user, or the name tried when no user matched. */
  static String account(EventSummary s) {
    return s.username().isEmpty() ? s.resourceTarget() : s.username();
  }

  private static String account(AuditEvent e) {
    return e.actor().username().isEmpty() ? e.resourceTarget() : e.actor().username();
  }

  private List<Finding> bursts(
      List<EventSummary> failed, Function<EventSummary, String> key, boolean byIp) {
    Map<String, List<Instant>> times = new LinkedHashMap<>();
    for (EventSummary s : failed) {
      String k = key.apply(s);
      if (!k.isEmpty()) {
        times.computeIfAbsent(k, x -> new ArrayList<>()).add(s.time());
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, List<Instant>> e : times.entrySet()) {
      List<Instant> t = e.getValue();
      for (Bursts.Span span : Bursts.of(t, settings.failedSignIns(), settings.failedWindow())) {
        Instant first = t.get(span.first());
        Instant last = t.get(span.last());
        if (!range.contains(first)) {
          continue;
        }
        String k = e.getKey();
        List<AuditEvent> events =
            Lookup.events(
                cache,
                LOGINS,
                first,
                last,
                ev -> ev.failed() && k.equals(byIp ? ev.ip() : account(ev)));
        if (events.isEmpty()) {
          continue;
        }
        Set<String> accounts = new TreeSet<>();
        Set<String> ips = new TreeSet<>();
        for (AuditEvent ev : events) {
          accounts.add(account(ev));
          if (!ev.ip().isEmpty()) {
            ips.add(ev.ip());
          }
        }
        String n = Integer.toString(events.size());
        String minutes =
            Long.toString(Math.max(1, (Duration.between(first, last).toSeconds() + 59) / 60));
        out.add(
            byIp
                ? new Finding(
                    Rule.FAILED_SIGN_INS,
                    Rule.FAILED_SIGN_INS.severity(),
                    first,
                    n
                        + " failed sign-ins from "
                        + k
                        + " within "
                        + span
                        + " min, for "
                        + accounts.size()
                        + " accounts",
                    "failedFromAddress",
                    List.of(n, k, minutes, Integer.toString(accounts.size())),
                    Lookup.ids(events),
                    accounts.size() == 1 ? accounts.iterator().next() : "",
                    k)
                : new Finding(
                    Rule.FAILED_SIGN_INS,
                    Rule.FAILED_SIGN_INS.severity(),
                    first,
                    n
                        + " failed sign-ins for "
                        + k
                        + " within "
                        + span
                        + " min, from "
                        + ips.size()
                        + " addresses",
                    "failedForUser",
                    List.of(n, k, minutes, Integer.toString(ips.size())),
                    Lookup.ids(events),
                    k,
                    ips.size() == 1 ? ips.iterator().next() : ""));
      }
    }
    return out;
  }

  private List<Finding> newAddresses(List<EventSummary> logins) {
    Map<String, Set<String>> seen = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    List<Finding> out = new ArrayList<>();
    for (EventSummary s : logins) {
      if (s.failed() || s.username().isEmpty()) {
        continue;
      }
      String user = s.username();
      int before = count.merge(user, 1, Integer::sum) - 1;
      String ip = s.ip();
      if (ip.isEmpty() || loopback(ip)) {
        continue;
      }
      Set<String> known = seen.computeIfAbsent(user, u -> new HashSet<>());
      if (known.add(ip) && before >= settings.knownSignIns() && range.contains(s.time())) {
        List<AuditEvent> events =
            Lookup.events(
                cache,
                LOGINS.with(dev.auditdesk.model.Facet.USER, Set.of(user)),
                s.time(),
                s.time(),
                e -> !e.failed() && ip.equals(e.ip()));
        if (events.isEmpty()) {
          continue;
        }
        String n = Integer.toString(before);
        out.add(
            new Finding(
                Rule.NEW_SIGN_IN_ADDRESS,
                Rule.NEW_SIGN_IN_ADDRESS.severity(),
                s.time(),
                user
                    + " signed in from "
                    + ip
                    + ", an address not seen in their "
                    + n
                    + " earlier sign-ins",
                "newAddress",
                List.of(user, ip, n),
                Lookup.ids(events.subList(0, 1)),
                user,
                ip));
      }
    }
    return out;
  }

  /** The server itself: not a place a person signs in from. */
  private static boolean loopback(String ip) {
    return ip.startsWith("127.") || ip.equals("::1");
  }
}
