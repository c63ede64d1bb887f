package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.auditdesk.demo.DemoEvent.Change;
import dev.auditdesk.demo.DemoEvent.OrgStyle;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes a demo event the way Coder's API does (same fields, same order), with each event's own
 * time format; users and organizations are serialised once.
 */
final class DemoEventJson {

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

  private final DemoCatalog catalog;
  private final SerializedString[] userJson;
  private final SerializedString[] orgJson;

  DemoEventJson(DemoCatalog catalog) {
    this.catalog = catalog;
    this.userJson = new SerializedString[catalog.users.length];
    for (int u = 0; u < userJson.length; u++) {
      userJson[u] = new SerializedString(catalog.users[u].json());
    }
    this.orgJson = new SerializedString[catalog.orgs.length];
    for (int o = 0; o < orgJson.length; o++) {
      orgJson[o] = new SerializedString(catalog.orgs[o].json());
    }
  }

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
