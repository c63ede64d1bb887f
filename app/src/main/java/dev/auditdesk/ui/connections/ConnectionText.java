package dev.auditdesk.ui.connections;

import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.TimeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The connection log's wording: types, statuses, durations and the fields of the details pane. */
public final class ConnectionText {

  /** One labelled value of the details pane. */
  public record Field(String label, String value) {}

  private ConnectionText() {}

  /** The server's own label ("Cursor", "Web Terminal"), else the family's name. */
  public static String type(ConnectionRow r) {
    return r.typeDisplayName().isEmpty() ? family(r.family()) : r.typeDisplayName();
  }

  public static String family(ConnectionType t) {
    return Messages.get("connections.family." + t.name().toLowerCase(Locale.ROOT));
  }

  /** A facet value of the family filter (the enum's name) in words. */
  public static String familyValue(String name) {
    return family(ConnectionType.parse(name));
  }

  public static String status(ConnectionStatus s) {
    return Messages.get("connections.status." + s.name().toLowerCase(Locale.ROOT));
  }

  /** A facet value of the status filter (the enum's name) in words. */
  public static String statusValue(String name) {
    try {
      return status(ConnectionStatus.valueOf(name));
    } catch (IllegalArgumentException unknown) {
      return name;
    }
  }

  /** The status column: "ongoing", "completed", or the HTTP status of a web request. */
  public static String statusCell(ConnectionRow r) {
    if (r.status() == ConnectionStatus.NOT_A_SESSION && r.failed()) {
      return Messages.get("connections.status.denied");
    }
    return status(r.status());
  }

  /** "4 min", or "ongoing, 12 min" for a session still open; "" for a web request. */
  public static String duration(ConnectionRow r, Instant now) {
    return r.duration(now)
        .map(
            d ->
                r.status() == ConnectionStatus.ONGOING
                    ? Messages.get("connections.duration.ongoing", length(d))
                    : length(d))
        .orElse("");
  }

  static String length(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return Messages.get("connections.duration.seconds", s);
    }
    if (s < 3600) {
      return Messages.get("connections.duration.minutes", s / 60);
    }
    if (s < 86_400) {
      return Messages.get("connections.duration.hours", s / 3600, (s % 3600) / 60);
    }
    return Messages.get("connections.duration.days", s / 86_400, (s % 86_400) / 3600);
  }

  public static String exitCode(ConnectionRow r) {
    return r.exitCode().isPresent() ? Integer.toString(r.exitCode().getAsInt()) : "";
  }

  public static String httpStatus(ConnectionRow r) {
    int code = r.webInfo().statusCode();
    return code == 0 ? "" : Integer.toString(code);
  }

  /** The fields of the details pane, in reading order; absent values left out. */
  public static List<Field> fields(ConnectionRow r, Instant now) {
    List<Field> out = new ArrayList<>();
    add(out, "time", TimeText.local(r.connectTime()));
    r.disconnectTime().ifPresent(t -> add(out, "disconnected", TimeText.local(t)));
    add(out, "type", type(r));
    add(out, "status", statusCell(r));
    add(out, "duration", duration(r, now));
    add(out, "owner", r.workspaceOwnerUsername());
    add(out, "user", r.username());
    add(out, "workspace", r.workspaceName());
    add(out, "agent", r.agentName());
    add(out, "ip", r.ip());
    add(out, "organization", r.organization().name());
    add(out, "slugOrPort", r.webInfo().slugOrPort());
    add(out, "httpStatus", httpStatus(r));
    add(out, "userAgent", r.webInfo().userAgent());
    add(out, "exitCode", exitCode(r));
    add(out, "disconnectReason", r.sshInfo().disconnectReason());
    add(out, "connectionId", r.sshInfo().connectionId());
    add(out, "id", r.id());
    return out;
  }

  private static void add(List<Field> out, String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.add(new Field(Messages.get("connections.field." + key), value));
    }
  }
}
