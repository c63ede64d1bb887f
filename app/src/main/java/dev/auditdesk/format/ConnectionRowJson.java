package dev.auditdesk.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionRow.SshInfo;
import dev.auditdesk.model.ConnectionRow.WebInfo;
import dev.auditdesk.model.Organization;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads one row of Coder's connection log from JSON into a {@link ConnectionRow}, keeping the
 * original text. Straight from the parser's tokens, like {@link AuditEventJson#read}; lenient where
 * servers vary (absent ip, absent web user, null disconnect), strict only on id and connect time.
 * Every text field is capped by the model ({@code FieldLimit}); the answer's size by the client.
 */
public final class ConnectionRowJson {

  private ConnectionRowJson() {}

  /** Parses JSON text; {@code rawJson} of the result is exactly {@code json}. */
  public static ConnectionRow parse(String json) throws MalformedEventException {
    return JsonObjects.parse(json, ConnectionRowJson::read, "row");
  }

  /**
   * Reads the row object the parser stands on ({@link JsonToken#START_OBJECT}) and leaves it on the
   * matching {@link JsonToken#END_OBJECT}; {@code raw}, asked once there, becomes {@code rawJson}.
   * A row that is not usable is consumed whole before the exception, so a page goes on.
   */
  public static ConnectionRow read(JsonParser p, Supplier<String> raw)
      throws IOException, MalformedEventException {
    Map<String, String> f = new HashMap<>(24);
    Map<String, String> org = null;
    Map<String, String> web = null;
    Map<String, String> webUser = null;
    Map<String, String> ssh = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "organization" -> org = object(p, v, null);
        case "web_info" -> {
          if (v == JsonToken.START_OBJECT) {
            Map<String, Map<String, String>> nested = new HashMap<>();
            web = object(p, v, nested);
            webUser = nested.get("user");
          } else {
            p.skipChildren();
          }
        }
        case "ssh_info" -> ssh = object(p, v, null);
        default -> f.put(name, text(p, v));
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new MalformedEventException("not a JSON object");
    }
    String id = f.getOrDefault("id", "");
    if (id.isEmpty()) {
      throw new MalformedEventException("has no \"id\"");
    }
    String connectText = f.getOrDefault("connect_time", "");
    if (connectText.isEmpty()) {
      throw new MalformedEventException("has no \"connect_time\"");
    }
    Instant connect = EventTime.parse(connectText);
    WebInfo webInfo = WebInfo.NONE;
    if (web != null) {
      Actor user =
          webUser == null
              ? Actor.SYSTEM
              : new Actor(
                  webUser.get("id"),
                  webUser.get("username"),
                  webUser.get("email"),
                  webUser.get("name"));
      webInfo =
          new WebInfo(
              web.get("user_agent"), user, web.get("slug_or_port"), integer(web, "status_code"));
    }
    SshInfo sshInfo = SshInfo.NONE;
    if (ssh != null) {
      String end = ssh.getOrDefault("disconnect_time", "");
      String exit = ssh.getOrDefault("exit_code", "");
      sshInfo =
          new SshInfo(
              ssh.get("connection_id"),
              end.isEmpty() ? Instant.MAX : EventTime.parse(end),
              end,
              ssh.get("disconnect_reason"),
              integer(ssh, "exit_code"),
              !exit.isEmpty());
    }
    return new ConnectionRow(
        id,
        connect,
        connectText,
        org == null
            ? Organization.NONE
            : new Organization(org.get("id"), org.get("name"), org.get("display_name")),
        f.get("workspace_owner_id"),
        f.get("workspace_owner_username"),
        f.get("workspace_id"),
        f.get("workspace_name"),
        f.get("agent_name"),
        f.get("ip"),
        f.get("type"),
        f.get("type_display_name"),
        webInfo,
        sshInfo,
        raw.get());
  }

  /**
   * The members of a small object as text; objects one level down go to {@code nested} when it is
   * given, else become their JSON text. Null or a non-object gives null.
   */
  private static Map<String, String> object(
      JsonParser p, JsonToken v, Map<String, Map<String, String>> nested) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Map<String, String> m = new HashMap<>(8);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken inner = p.nextToken();
      if (nested != null && inner == JsonToken.START_OBJECT) {
        nested.put(name, object(p, inner, null));
      } else {
        m.put(name, text(p, inner));
      }
    }
    return m;
  }

  private static int integer(Map<String, String> m, String key) {
    try {
      return Integer.parseInt(m.getOrDefault(key, "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    return JsonObjects.text(p, v);
  }
}
