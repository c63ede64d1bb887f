package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.format.ConnectionRowJsonWriter;
import dev.auditdesk.format.ConnectionSearch;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code GET /api/v2/connectionlog} like Coder 2.25+: newest connect time first with no order among
 * equal times (shuffled per request when {@link DemoQuirks#shuffleTies()}), OFFSET paging with its
 * cost, {@code count} stopping at the cap, Coder's search keys, the injected faults of {@link
 * DemoConfig#connectionFaults()}, 403 for a non-auditor and 404 when the deployment is configured
 * as a release without the connection log.
 */
final class DemoConnectionLog {

  private final DemoConfig cfg;
  private final DemoConnections log;
  private final DemoSessions sessions;
  private final DemoHttp http;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong offsetRows = new AtomicLong();
  private final Random random = new Random();
  private volatile Instant purgedBefore = Instant.MIN;

  DemoConnectionLog(DemoConfig cfg, DemoConnections log, DemoSessions sessions, DemoHttp http) {
    this.cfg = cfg;
    this.log = log;
    this.sessions = sessions;
    this.http = http;
  }

  /** Retention: rows that connected before {@code t} are gone from now on. */
  void purgeBefore(Instant t) {
    purgedBefore = t;
  }

  int requests() {
    return requests.get();
  }

  long offsetRows() {
    return offsetRows.get();
  }

  void handle(HttpExchange ex) throws IOException {
    if (!cfg.connectionLog()) {
      http.error(ex, 404, "Route not found.", "", null);
      return;
    }
    Integer user = sessions.authenticate(ex);
    if (user == null) {
      return;
    }
    if (user != 0) {
      http.error(ex, 403, "Forbidden.", "Insufficient permissions to view connection logs.", null);
      return;
    }
    int request = requests.incrementAndGet();
    DemoConfig.Fault fault = cfg.connectionFaults().get(request);
    if (fault == DemoConfig.Fault.UNAVAILABLE || fault == DemoConfig.Fault.RATE_LIMITED) {
      boolean limited = fault == DemoConfig.Fault.RATE_LIMITED;
      if (limited) {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(cfg.retryAfterSeconds()));
      }
      http.error(ex, limited ? 429 : 503, "Injected fault for request " + request + ".", "", null);
      return;
    }
    Map<String, String> params = DemoHttp.query(ex.getRequestURI().getRawQuery());
    long limit;
    long offset;
    try {
      limit = Long.parseLong(params.getOrDefault("limit", "0"));
      offset = Long.parseLong(params.getOrDefault("offset", "0"));
      if (limit < 0 || offset < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      http.invalidParam(ex, "limit", "Query params \"limit\" and \"offset\" must be positive.");
      return;
    }
    limit = limit == 0 ? 100 : limit;
    if (cfg.maxPageSize() > 0 && limit > cfg.maxPageSize()) {
      http.invalidParam(
          ex,
          "limit",
          "Query param \"limit\" must be less than or equal to " + cfg.maxPageSize() + ".");
      return;
    }
    Map<String, String> terms;
    try {
      terms = ConnectionSearch.parseTerms(params.getOrDefault("q", ""));
    } catch (CoderQuery.QueryParseException e) {
      http.error(ex, 400, "Invalid connection search query.", "", Map.of(e.field(), e.detail()));
      return;
    }
    byte[] body = body(terms, (int) Math.min(limit, 100_000), offset);
    if (fault == DemoConfig.Fault.TRUNCATED_JSON) {
      body = java.util.Arrays.copyOf(body, body.length / 2);
    }
    http.send(ex, 200, "application/json", body);
  }

  private byte[] body(Map<String, String> terms, int limit, long offset) throws IOException {
    List<ConnectionRow> matching = new ArrayList<>();
    for (ConnectionRow r : log.all()) {
      if (!r.connectTime().isBefore(purgedBefore) && matches(r, terms)) {
        matching.add(r);
      }
    }
    if (cfg.quirks().shuffleTies()) {
      shuffleTies(matching, new Random(random.nextLong()));
    }
    offsetRows.addAndGet(offset);
    long cost = cfg.quirks().offsetCostNanos();
    if (cost > 0 && offset > 0) {
      LockSupport.parkNanos(offset * cost); // the database reads every skipped row
    }
    int from = (int) Math.min(offset, matching.size());
    int to = (int) Math.min(matching.size(), from + (long) limit);
    long cap = cfg.countCap();
    long count = cap > 0 ? Math.min(matching.size(), cap + 1) : matching.size();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + (to - from) * 700);
    try (JsonGenerator g = DemoHttp.JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeArrayFieldStart("connection_logs");
      for (ConnectionRow r : matching.subList(from, to)) {
        ConnectionRowJsonWriter.write(g, r);
      }
      g.writeEndArray();
      g.writeNumberField("count", count);
      g.writeNumberField("count_cap", cap);
      g.writeEndObject();
    }
    return buf.toByteArray();
  }

  /** Each run of equal connect times in a new order, as PostgreSQL may return it. */
  private static void shuffleTies(List<ConnectionRow> rows, Random r) {
    int i = 0;
    while (i < rows.size()) {
      int j = i + 1;
      Instant t = rows.get(i).connectTime();
      while (j < rows.size() && rows.get(j).connectTime().equals(t)) {
        j++;
      }
      if (j - i > 1) {
        Collections.shuffle(rows.subList(i, j), r);
      }
      i = j;
    }
  }

  /** Coder's filters (values arrive lower-cased, names compare without case). */
  static boolean matches(ConnectionRow r, Map<String, String> t) {
    for (Map.Entry<String, String> e : t.entrySet()) {
      String v = e.getValue();
      boolean ok =
          switch (e.getKey()) {
            case "organization" ->
                v.equalsIgnoreCase(r.organization().name())
                    || v.equalsIgnoreCase(r.organization().id());
            case "workspace_owner" -> v.equalsIgnoreCase(r.workspaceOwnerUsername());
            case "workspace_owner_email", "user_email" -> false; // the demo rows carry no email
            case "type" -> typeMatches(r.type(), v);
            case "username" -> v.equalsIgnoreCase(r.username());
            case "connected_after" -> !r.connectTime().isBefore(instant(e));
            case "connected_before" -> !r.connectTime().isAfter(instant(e));
            case "workspace_id" -> v.equalsIgnoreCase(r.workspaceId());
            case "connection_id" -> v.equalsIgnoreCase(r.sshInfo().connectionId());
            case "status" -> r.status() == ConnectionStatus.parse(v);
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A family's own type matches its apps too ({@code type:vscode} finds Cursor). */
  private static boolean typeMatches(String type, String v) {
    String t = type.toLowerCase(Locale.ROOT);
    ConnectionType family = ConnectionType.of(v);
    return t.equals(v)
        || (family != ConnectionType.OTHER
            && v.equals(family.searchValue())
            && ConnectionType.of(t) == family);
  }

  private static Instant instant(Map.Entry<String, String> e) {
    try {
      return ConnectionSearch.parseInstant(e.getKey(), e.getValue());
    } catch (CoderQuery.QueryParseException ex) {
      throw new IllegalStateException("checked when the query was parsed", ex);
    }
  }
}
