package dev.auditdesk.insights;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.EventSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    // The whole history: an address is new only against everything before it.
    return Lookup.findings(
        cache,
        LOGINS,
        all -> {
          List<EventSummary> logins = new ArrayList<>(all);
          List<Integer> failed = new ArrayList<>();
          List<Integer> failedWithIp = new ArrayList<>();
          for (int i = 0; i < logins.size(); i++) {
            if (logins.get(i).failed()) {
              failed.add(i);
              if (!logins.get(i).ip().isEmpty()) {
                failedWithIp.add(i);
              }
            }
          }
          List<Lookup.Draft> out = new ArrayList<>(bursts(logins, failed, false));
          Set<Set<Integer>> userSets = new HashSet<>();
          out.forEach(d -> userSets.add(Set.copyOf(d.positions())));
          // A burst against one account from one address is one finding, not two.
          bursts(logins, failedWithIp, true).stream()
              .filter(d -> !userSets.contains(Set.copyOf(d.positions())))
              .forEach(out::add);
          out.addAll(newAddresses(logins));
          return out;
        });
  }

  /** Who a sign-in was for: the user, or the name tried when no user matched. */
  static String account(EventSummary s) {
    return s.username().isEmpty() ? s.resourceTarget() : s.username();
  }

  private List<Lookup.Draft> bursts(List<EventSummary> logins, List<Integer> failed, boolean byIp) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i : failed) {
      String k = byIp ? logins.get(i).ip() : account(logins.get(i));
      if (!k.isEmpty()) {
        byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    List<Lookup.Draft> out = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
      List<Integer> pos = e.getValue();
      List<Instant> t = pos.stream().map(i -> logins.get(i).time()).toList();
      for (Bursts.Span span : Bursts.of(t, settings.failedSignIns(), settings.failedWindow())) {
        Instant first = t.get(span.first());
        if (!range.contains(first)) {
          continue;
        }
        List<Integer> mine = List.copyOf(pos.subList(span.first(), span.last() + 1));
        Set<String> accounts = new TreeSet<>();
        Set<String> ips = new TreeSet<>();
        for (int i : mine) {
          accounts.add(account(logins.get(i)));
          if (!logins.get(i).ip().isEmpty()) {
            ips.add(logins.get(i).ip());
          }
        }
        String k = e.getKey();
        String n = Integer.toString(mine.size());
        String minutes = Lookup.minutes(first, t.get(span.last()));
        out.add(
            new Lookup.Draft(
                mine,
                ids ->
                    byIp
                        ? new Finding(
                            Rule.FAILED_SIGN_INS,
                            Rule.FAILED_SIGN_INS.severity(),
                            first,
                            n
                                + " failed sign-ins from "
                                + k
                                + " within "
                                + minutes
                                + " min, for "
                                + accounts.size()
                                + " accounts",
                            "failedFromAddress",
                            List.of(n, k, minutes, Integer.toString(accounts.size())),
                            ids,
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
                                + minutes
                                + " min, from "
                                + ips.size()
                                + " addresses",
                            "failedForUser",
                            List.of(n, k, minutes, Integer.toString(ips.size())),
                            ids,
                            k,
                            ips.size() == 1 ? ips.iterator().next() : "")));
      }
    }
    return out;
  }

  private List<Lookup.Draft> newAddresses(List<EventSummary> logins) {
    Map<String, Set<String>> seen = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    List<Lookup.Draft> out = new ArrayList<>();
    for (int i = 0; i < logins.size(); i++) {
      EventSummary s = logins.get(i);
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
        String n = Integer.toString(before);
        out.add(
            new Lookup.Draft(
                List.of(i),
                ids ->
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
                        ids,
                        user,
                        ip)));
      }
    }
    return out;
  }

  /** The server itself: not a place a person signs in from. */
  private static boolean loopback(String ip) {
    return ip.startsWith("127.") || ip.equals("::1");
  }
}
