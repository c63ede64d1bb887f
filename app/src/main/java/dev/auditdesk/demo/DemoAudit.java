package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.format.ServerQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v2/audit}: paging, Coder's search, the injected faults, and what changes between
 * requests (new events, retention deleting the oldest, late events appearing).
 */
final class DemoAudit {

  private static final String FORBIDDEN_DETAIL =
      "You don't have permission to view this content. If you believe this is a mistake, please"
          + " contact your administrator or try signing in with different credentials.";

  private final DemoConfig cfg;
  private final DemoHistory history;
  private final DemoSessions sessions;
  private final DemoHttp http;
  private final DemoEventJson eventJson;
  private final AtomicInteger auditRequests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final BitSet late = new BitSet();
  private final Object state = new Object();
  private volatile int firstVisible;
  private volatile boolean lateReleased;
  private volatile int lateHidden;
  private final DemoTimeline timeline;
  private final java.util.concurrent.atomic.AtomicLong offsetRows =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong serverNanos =
      new java.util.concurrent.atomic.AtomicLong();

  DemoAudit(DemoConfig cfg, DemoHistory history, DemoSessions sessions, DemoHttp http) {
    this.cfg = cfg;
    this.history = history;
    this.sessions = sessions;
    this.http = http;
    this.eventJson = new DemoEventJson(history.catalog());
    int size = history.size();
    if (cfg.lateEvents() > 0 && size > 20) {
      int from = (int) (size * 0.90);
      int to = Math.max(from + 1, (int) (size * 0.99));
      int n = Math.min(cfg.lateEvents(), to - from);
      for (int k = 0; k < n; k++) {
        late.set(from + (int) ((long) k * (to - from) / n));
      }
      lateHidden = late.cardinality();
    }
    timeline =
        new DemoTimeline(
            history, cfg.quirks(), cfg.seed(), cfg.historyEnd(), late, cfg.insightPatterns());
  }

  /** How many {@code /api/v2/audit} requests have been answered or started. */
  int requests() {
    return auditRequests.get();
  }

  /** Events a full sync would see right now (after retention, without unreleased late events). */
  int visibleEvents() {
    DemoTimeline.View v = view(auditRequests.get());
    return v.size()
        - v.firstVisible()
        - (v.hideLate() ? lateHidden : 0)
        + timeline.visibleExtras(v);
  }

  /**
   * The id of every event the server would list right now, read from the history itself rather than
   * through paged requests (whose tie order may be reshuffled): the truth tests compare with.
   */
  java.util.Set<String> visibleIds() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (DemoEvent e : timeline.all(view(auditRequests.get()))) {
      ids.add(e.id);
    }
    return ids;
  }

  /** How many visible events each UTC day holds, seam included: the truth for a day's record. */
  java.util.Map<java.time.LocalDate, Long> visibleEventsPerDay() {
    java.util.Map<java.time.LocalDate, Long> out = new java.util.TreeMap<>();
    for (DemoEvent e : timeline.all(view(auditRequests.get()))) {
      out.merge(
          java.time.LocalDate.ofEpochDay(Math.floorDiv(e.micros, 86_400_000_000L)), 1L, Long::sum);
    }
    return out;
  }

  /**
   * Rows skipped by OFFSET over all audit requests so far (what a real database reads for nothing).
   */
  long offsetRows() {
    return offsetRows.get();
  }

  /** Time spent answering audit requests, the OFFSET cost included. */
  java.time.Duration serverTime() {
    return java.time.Duration.ofNanos(serverNanos.get());
  }

  private DemoTimeline.View view(int request) {
    synchronized (state) {
      return new DemoTimeline.View(
          history.size(), firstVisible, !lateReleased && lateHidden > 0, request);
    }
  }

  /** Lets {@code n} new events happen now (newest first in the next answer). */
  void addEvents(int n) {
    synchronized (state) {
      history.append(n);
    }
  }

  /** The most audit requests answered at one moment (a client that asks concurrently shows > 1). */
  int maxInFlight() {
    return maxInFlight.get();
  }

  void handle(HttpExchange ex) throws IOException {
    long started = System.nanoTime();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      answerAudit(ex);
    } finally {
      inFlight.decrementAndGet();
      serverNanos.addAndGet(System.nanoTime() - started);
    }
  }

  private void answerAudit(HttpExchange ex) throws IOException {
    Integer user = sessions.authenticate(ex);
    if (user == null) {
      return;
    }
    if (user != 0) {
      http.error(ex, 403, "Forbidden.", FORBIDDEN_DETAIL, null);
      return;
    }
    int request = auditRequests.incrementAndGet();
    int size;
    int first;
    boolean hide;
    synchronized (state) {
      if (cfg.newEventsPerRequest() > 0 && cfg.auditEntitled()) {
        history.append(cfg.newEventsPerRequest());
      }
      if (cfg.retentionAfterRequest() > 0 && request >= cfg.retentionAfterRequest()) {
        firstVisible =
            Math.max(firstVisible, Math.min(history.size(), cfg.retentionDeleteOldest()));
      }
      if (cfg.lateAfterRequest() > 0 && request >= cfg.lateAfterRequest()) {
        lateReleased = true;
      }
      size = history.size();
      first = firstVisible;
      hide = !lateReleased && lateHidden > 0;
    }

    DemoConfig.Fault fault = cfg.faults().get(request);
    if (fault == DemoConfig.Fault.RATE_LIMITED) {
      ex.getResponseHeaders().set("Retry-After", Integer.toString(cfg.retryAfterSeconds()));
      http.error(
          ex,
          429,
          "You've been rate limited for sending more than 512 requests in 1m0s.",
          "",
          null);
      return;
    }
    if (fault == DemoConfig.Fault.UNAVAILABLE) {
      http.error(
          ex,
          503,
          "The demo deployment is temporarily unavailable.",
          "Injected fault for request " + request + ".",
          null);
      return;
    }
    if (fault == DemoConfig.Fault.SLOW) {
      try {
        Thread.sleep(cfg.slowDelay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }

    Map<String, String> params = DemoHttp.query(ex.getRequestURI().getRawQuery());
    long limit;
    long offset;
    try {
      limit = params.containsKey("limit") ? Long.parseLong(params.get("limit")) : 0;
      if (limit < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      http.invalidParam(ex, "limit", "Query param \"limit\" must be a valid positive integer.");
      return;
    }
    try {
      offset = params.containsKey("offset") ? Long.parseLong(params.get("offset")) : 0;
      if (offset < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      http.invalidParam(ex, "offset", "Query param \"offset\" must be a valid positive integer.");
      return;
    }
    if (limit == 0) {
      limit = 100;
    }
    if (cfg.maxPageSize() > 0 && limit > cfg.maxPageSize()) {
      http.invalidParam(
          ex,
          "limit",
          "Query param \"limit\" must be less than or equal to " + cfg.maxPageSize() + ".");
      return;
    }
    DemoFilter filter;
    try {
      filter =
          DemoFilter.of(
              ServerQuery.parseTerms(params.getOrDefault("q", "")),
              history.catalog().users[user].username(),
              cfg.quirks().ignoreDateKeys());
    } catch (CoderQuery.QueryParseException e) {
      http.error(ex, 400, "Invalid audit search query.", "", Map.of(e.field(), e.detail()));
      return;
    }

    byte[] body =
        auditBody(
            filter,
            new DemoTimeline.View(size, first, hide, request),
            (int) Math.min(limit, 100_000),
            offset,
            fault == DemoConfig.Fault.MALFORMED_EVENT);
    if (fault == DemoConfig.Fault.TRUNCATED_JSON) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    if (fault == DemoConfig.Fault.CONNECTION_DROPPED) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      OutputStream out = ex.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      // Closing the exchange with bytes missing makes the JDK server drop the connection.
      return;
    }
    http.send(ex, 200, "application/json", body);
  }

  private byte[] auditBody(
      DemoFilter filter, DemoTimeline.View view, int limit, long offset, boolean malformed)
      throws IOException {
    long cost = cfg.quirks().offsetCostNanos();
    offsetRows.addAndGet(offset);
    if (cost > 0 && offset > 0) {
      // The database reads and drops every skipped row before the page (measured on PostgreSQL).
      java.util.concurrent.locks.LockSupport.parkNanos(offset * cost);
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(256, limit * 1400));
    char[] timeBuf = new char[48];
    long cap = cfg.countCap();
    DemoTimeline.Listing listing =
        timeline.list(
            filter,
            view,
            offset,
            limit,
            cap,
            cfg.quirks().shuffleTies() ? new java.util.Random(random.nextLong()) : null);
    try (JsonGenerator g = DemoHttp.JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeArrayFieldStart("audit_logs");
      if (malformed) {
        g.writeRawValue(
            "{\"id\":\"\",\"time\":\"yesterday\",\"action\":\"create\","
                + "\"resource_type\":\"workspace\",\"note\":\"injected malformed event\"}");
      }
      for (DemoEvent e : listing.page()) {
        eventJson.write(g, e, timeBuf);
      }
      g.writeEndArray();
      g.writeNumberField("count", listing.count());
      g.writeNumberField("count_cap", cap);
      g.writeEndObject();
    }
    return buf.toByteArray();
  }
}
