package dev.auditdesk.insights;

import dev.auditdesk.cache.ConnectionLogCache;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.model.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** From the connection log: sessions open for over a day, and denied tunnels and port forwards. */
final class ConnectionRules {

  private final ConnectionLogCache log;
  private final InsightSettings settings;
  private final DateRange range;
  private final Instant now;

  ConnectionRules(ConnectionLogCache log, InsightSettings settings, DateRange range, Instant now) {
    this.log = log;
    this.settings = settings;
    this.range = range;
    this.now = now;
  }

  List<Finding> run() {
    List<Finding> out = new ArrayList<>();
    if (!log.present()) {
      return out;
    }
    log.forEach(
        ConnectionQuery.ALL.withStatuses(Set.of(ConnectionStatus.ONGOING)).withRange(range),
        r -> {
          Duration open = Duration.between(r.connectTime(), now);
          if (open.compareTo(settings.longConnection()) > 0) {
            String hours = Long.toString(open.toHours());
            String who = r.username();
            out.add(
                new Finding(
                    Rule.LONG_CONNECTION,
                    Rule.LONG_CONNECTION.severity(),
                    r.connectTime(),
                    who
                        + "'s "
                        + r.typeLabel()
                        + " session to "
                        + r.workspaceName()
                        + " has been open for "
                        + hours
                        + " h",
                    "longConnection",
                    List.of(who, r.typeLabel(), r.workspaceName(), hours),
                    List.of(r.id()),
                    who,
                    r.ip()));
          }
        });
    // One finding per person, workspace and day: a client retrying is one event to look at.
    Map<String, List<ConnectionRow>> denied = new LinkedHashMap<>();
    log.forEach(
        ConnectionQuery.ALL
            .withFamilies(Set.of(ConnectionType.TUNNEL, ConnectionType.PORT_FORWARDING))
            .withRange(range),
        r -> {
          int status = r.webInfo().statusCode();
          if (status == 401 || status == 403) {
            LocalDate day = r.connectTime().atZone(ZoneOffset.UTC).toLocalDate();
            denied
                .computeIfAbsent(
                    r.username() + "\u0001" + r.workspaceId() + "\u0001" + day,
                    k -> new ArrayList<>())
                .add(r);
          }
        });
    for (List<ConnectionRow> rows : denied.values()) {
      ConnectionRow first = rows.get(rows.size() - 1); // the log lists newest first
      String who = first.username().isEmpty() ? "someone not signed in" : first.username();
      String n = Integer.toString(rows.size());
      out.add(
          new Finding(
              Rule.DENIED_CONNECTION,
              Rule.DENIED_CONNECTION.severity(),
              first.connectTime(),
              n
                  + " denied "
                  + first.typeLabel().toLowerCase(java.util.Locale.ROOT)
                  + " requests by "
                  + who
                  + " to "
                  + first.workspaceName(),
              "denied",
              List.of(n, first.typeLabel(), who, first.workspaceName()),
              rows.stream().map(ConnectionRow::id).toList(),
              first.username(),
              first.ip()));
    }
    return out;
  }
}
