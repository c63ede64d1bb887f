package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.format.ServerQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Coder-compatible deployment on 127.0.0.1 with a generated audit history, for trying AuditDesk
 * without a Coder server and for tests (real HTTP instead of mocks).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: no dependency, and the handful of JSON
 * endpoints needs no routing framework. It answers {@code /api/v2/users/login}, {@code /users/me},
 * {@code /users/logout}, {@code /buildinfo}, {@code /entitlements} and {@code /audit} like Coder
 * (same fields, same error bodies), unknown {@code /api/} paths with Coder's 404, and anything else
 * with an HTML page, as Coder's web app does.
 */
public final class DemoServer implements AutoCloseable {

  /** The password of both demo accounts; documented in README and docs/CODER-API.md. */
  public static final String PASSWORD = "auditdesk-demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = MAPPER.getFactory();
  private static final String FORBIDDEN_DETAIL =
      "You don't have permission to view this content. If you believe this is a mistake, please"
          + " contact your administrator or try signing in with different credentials.";
  private static final byte[] HTML =
      ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Coder</title></head>"
              + "<body><div id=\"root\">AuditDesk demo deployment</div></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  static {
    // The JDK server writes headers and body apart; with Nagle on, each keep-alive answer then
    // waited ~40 ms for the client's delayed ACK. Coder (Go) sets TCP_NODELAY, and so do we. Read
    // once when the JDK's server config loads, so it must be set before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final DemoConfig cfg;
  private final DemoHistory history;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI url;
  private final Map<String, Integer> tokens = new ConcurrentHashMap<>();
  private final Set<String> expired = ConcurrentHashMap.newKeySet();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger auditRequests = new AtomicInteger();
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

  private DemoServer(DemoConfig cfg) throws IOException {
    this.cfg = cfg;
    this.history = new DemoHistory(cfg.seed(), cfg.events(), cfg.historyEnd());
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
    timeline = new DemoTimeline(history, cfg.quirks(), cfg.seed(), cfg.historyEnd(), late);
    InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), cfg.port());
    if (cfg.tls() != null) {
      HttpsServer https = HttpsServer.create(addr, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(cfg.tls()));
      server = https;
    } else {
      server = HttpServer.create(addr, 64);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "demo-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    url =
        URI.create(
            (cfg.tls() != null ? "https" : "http")
                + "://127.0.0.1:"
                + server.getAddress().getPort());
  }

  /** Generates the history and starts serving; returns once the port is open. */
  public static DemoServer start(DemoConfig cfg) {
    try {
      DemoServer s = new DemoServer(cfg);
      LOG.info("Demo deployment with {} events at {}", cfg.events(), s.url);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The demo deployment could not open port " + cfg.port() + ": " + e.getMessage(), e);
    }
  }

  public URI url() {
    return url;
  }

  /** The demo owner/auditor account. */
  public String email() {
    return DemoCatalog.DEMO_EMAIL;
  }

  public String password() {
    return PASSWORD;
  }

  /** A second account without the auditor role: it gets 403 on the audit log. */
  public String memberEmail() {
    return DemoCatalog.MEMBER_EMAIL;
  }

  public DemoConfig config() {
    return cfg;
  }

  /** The deployment id {@code /buildinfo} reports. */
  public String deploymentId() {
    return history.catalog().deploymentId;
  }

  /** Every session token issued so far stops working (401 "API key expired."). */
  public void expireAllTokens() {
    expired.addAll(tokens.keySet());
    tokens.clear();
  }

  /** Every session token a sign-in created (tests look for them where they must not be). */
  public Set<String> issuedTokens() {
    return Set.copyOf(issued);
  }

  /** Session tokens that still work: signed in and neither logged out nor expired. */
  public int liveSessions() {
    return tokens.size();
  }

  /** How many {@code /api/v2/audit} requests have been answered or started. */
  public int auditRequests() {
    return auditRequests.get();
  }

  /** Events a full sync would see right now (after retention, without unreleased late events). */
  public int visibleEvents() {
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
  public java.util.Set<String> visibleIds() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (DemoEvent e : timeline.all(view(auditRequests.get()))) {
      ids.add(e.id);
    }
    return ids;
  }

  /** How many visible events each UTC day holds, seam included: the truth for a day's record. */
  public java.util.Map<java.time.LocalDate, Long> visibleEventsPerDay() {
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
  public long offsetRows() {
    return offsetRows.get();
  }

  /** Time spent answering audit requests, the OFFSET cost included. */
  public java.time.Duration serverTime() {
    return java.time.Duration.ofNanos(serverNanos.get());
  }

  private DemoTimeline.View view(int request) {
    synchronized (state) {
      return new DemoTimeline.View(
          history.size(), firstVisible, !lateReleased && lateHidden > 0, request);
    }
  }

  /** Lets {@code n} new events happen now (newest first in the next answer). */
  public void addEvents(int n) {
    synchronized (state) {
      history.append(n);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------- routing

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      switch (path) {
        case "/api/v2/buildinfo" -> get(ex, method, this::buildInfo);
        case "/api/v2/users/login" -> post(ex, method, this::login);
        case "/api/v2/users/me" -> get(ex, method, this::me);
        case "/api/v2/users/logout" -> post(ex, method, this::logout);
        case "/api/v2/entitlements" -> get(ex, method, this::entitlements);
        case "/api/v2/audit" -> get(ex, method, this::audit);
        default -> {
          if (path.startsWith("/api/")) {
            error(ex, 404, "Route not found.", "", null);
          } else {
            send(ex, 200, "text/html; charset=utf-8", HTML);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Demo request failed: {}", e.toString());
    }
  }

  private interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private void get(HttpExchange ex, String method, Handler h) throws IOException {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      error(ex, 405, "Method not allowed.", "", null);
      return;
    }
    h.handle(ex);
  }

  private void post(HttpExchange ex, String method, Handler h) throws IOException {
    if (!"POST".equals(method)) {
      error(ex, 405, "Method not allowed.", "", null);
      return;
    }
    h.handle(ex);
  }

  // ---------------------------------------------------------------------------------- endpoints

  private void buildInfo(HttpExchange ex) throws IOException {
    json(
        ex,
        200,
        g -> {
          g.writeStringField("external_url", "https://github.com/coder/coder/commits/v2.27.1");
          g.writeStringField("version", "v2.27.1+demo");
          g.writeStringField("dashboard_url", url.toString());
          g.writeBooleanField("telemetry", false);
          g.writeBooleanField("workspace_proxy", false);
          g.writeStringField("agent_api_version", "2.5");
          g.writeStringField("provisioner_api_version", "1.9");
          g.writeStringField("upgrade_message", "");
          g.writeStringField("deployment_id", deploymentId());
          g.writeStringField("webpush_public_key", "");
        });
  }

  private void login(HttpExchange ex) throws IOException {
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = MAPPER.readTree(in);
    } catch (IOException e) {
      error(ex, 400, "Request body must be valid JSON.", e.getMessage(), null);
      return;
    }
    String email = body == null ? "" : body.path("email").asText("").trim();
    String password = body == null ? "" : body.path("password").asText("");
    if (email.isEmpty() || password.isEmpty()) {
      error(
          ex,
          400,
          "Validation failed.",
          "",
          Map.of(
              email.isEmpty() ? "email" : "password",
              "Validation failed for tag \"required\" with value: \"\""));
      return;
    }
    int user = history.catalog().userIndexByEmail(email);
    if ((user != 0 && user != 1) || !PASSWORD.equals(password)) {
      error(ex, 401, "Incorrect email or password.", "", null);
      return;
    }
    String token = newToken();
    tokens.put(token, user);
    issued.add(token);
    json(ex, 201, g -> g.writeStringField("session_token", token));
  }

  private void me(HttpExchange ex) throws IOException {
    Integer user = authenticate(ex);
    if (user == null) {
      return;
    }
    DemoCatalog.User u = history.catalog().users[user];
    json(
        ex,
        200,
        g -> {
          g.writeStringField("id", u.id());
          g.writeStringField("username", u.username());
          g.writeStringField("email", u.email());
          g.writeStringField("name", u.name());
          g.writeStringField("avatar_url", "");
          g.writeStringField("status", "active");
          g.writeStringField("login_type", "password");
          g.writeArrayFieldStart("roles");
          if (user == 0) {
            role(g, "owner", "Owner");
            role(g, "auditor", "Auditor");
          }
          g.writeEndArray();
          g.writeArrayFieldStart("organization_ids");
          g.writeString(history.catalog().orgs[0].id());
          g.writeEndArray();
          g.writeStringField("created_at", "2024-01-15T09:00:00Z");
          g.writeStringField("last_seen_at", Instant.now().toString());
        });
  }

  private static void role(JsonGenerator g, String name, String display) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("display_name", display);
    g.writeStringField("organization_id", "");
    g.writeEndObject();
  }

  private void logout(HttpExchange ex) throws IOException {
    String token = token(ex);
    if (authenticate(ex) == null) {
      return;
    }
    tokens.remove(token);
    json(ex, 200, g -> g.writeStringField("message", "Logged out!"));
  }

  private void entitlements(HttpExchange ex) throws IOException {
    if (authenticate(ex) == null) {
      return;
    }
    boolean on = cfg.auditEntitled();
    json(
        ex,
        200,
        g -> {
          g.writeObjectFieldStart("features");
          feature(g, "audit_log", on);
          feature(g, "browser_only", false);
          feature(g, "scim", on);
          feature(g, "template_rbac", on);
          feature(g, "multiple_organizations", on);
          g.writeEndObject();
          g.writeArrayFieldStart("warnings");
          g.writeEndArray();
          g.writeArrayFieldStart("errors");
          g.writeEndArray();
          g.writeBooleanField("has_license", on);
          g.writeBooleanField("trial", false);
          g.writeBooleanField("require_telemetry", false);
          g.writeStringField("refreshed_at", Instant.now().toString());
        });
  }

  private static void feature(JsonGenerator g, String name, boolean on) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("entitlement", on ? "entitled" : "not_entitled");
    g.writeBooleanField("enabled", on);
    g.writeEndObject();
  }

  private void audit(HttpExchange ex) throws IOException {
    long started = System.nanoTime();
    try {
      answerAudit(ex);
    } finally {
      serverNanos.addAndGet(System.nanoTime() - started);
    }
  }

  private void answerAudit(HttpExchange ex) throws IOException {
    Integer user = authenticate(ex);
    if (user == null) {
      return;
    }
    if (user != 0) {
      error(ex, 403, "Forbidden.", FORBIDDEN_DETAIL, null);
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
      error(
          ex,
          429,
          "You've been rate limited for sending more than 512 requests in 1m0s.",
          "",
          null);
      return;
    }
    if (fault == DemoConfig.Fault.UNAVAILABLE) {
      error(
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

    Map<String, String> params = query(ex.getRequestURI().getRawQuery());
    long limit;
    long offset;
    try {
      limit = params.containsKey("limit") ? Long.parseLong(params.get("limit")) : 0;
      if (limit < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      invalidParam(ex, "limit", "Query param \"limit\" must be a valid positive integer.");
      return;
    }
    try {
      offset = params.containsKey("offset") ? Long.parseLong(params.get("offset")) : 0;
      if (offset < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      invalidParam(ex, "offset", "Query param \"offset\" must be a valid positive integer.");
      return;
    }
    if (limit == 0) {
      limit = 100;
    }
    if (cfg.maxPageSize() > 0 && limit > cfg.maxPageSize()) {
      invalidParam(
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
      error(ex, 400, "Invalid audit search query.", "", Map.of(e.field(), e.detail()));
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
    send(ex, 200, "application/json", body);
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
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeArrayFieldStart("audit_logs");
      if (malformed) {
        g.writeRawValue(
            "{\"id\":\"\",\"time\":\"yesterday\",\"action\":\"create\","
                + "\"resource_type\":\"workspace\",\"note\":\"injected malformed event\"}");
      }
      for (DemoEvent e : listing.page()) {
        history.write(g, e, timeBuf);
      }
      g.writeEndArray();
      g.writeNumberField("count", listing.count());
      g.writeNumberField("count_cap", cap);
      g.writeEndObject();
    }
    return buf.toByteArray();
  }

  // ---------------------------------------------------------------------------------- helpers

  private Integer authenticate(HttpExchange ex) throws IOException {
    String token = token(ex);
    if (token == null || token.isEmpty()) {
      error(
          ex, 401, "Cookie \"coder_session_token\" or query parameter must be provided.", "", null);
      return null;
    }
    Integer user = tokens.get(token);
    if (user == null) {
      if (expired.contains(token)) {
        error(ex, 401, "API key expired.", "The session token has expired; sign in again.", null);
      } else {
        error(ex, 401, "API key is invalid.", "The session token is not known.", null);
      }
      return null;
    }
    return user;
  }

  private static String token(HttpExchange ex) {
    String t = ex.getRequestHeaders().getFirst("Coder-Session-Token");
    if (t != null) {
      return t.trim();
    }
    String cookie = ex.getRequestHeaders().getFirst("Cookie");
    if (cookie != null) {
      for (String part : cookie.split(";")) {
        String p = part.trim();
        if (p.startsWith("coder_session_token=")) {
          return p.substring("coder_session_token=".length());
        }
      }
    }
    return null;
  }

  private String newToken() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(33);
    for (int i = 0; i < 33; i++) {
      sb.append(i == 10 ? '-' : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private void invalidParam(HttpExchange ex, String field, String detail) throws IOException {
    error(ex, 400, "Query parameters have invalid values.", "", Map.of(field, detail));
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private void json(HttpExchange ex, int status, Fields fields) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    }
    send(ex, status, "application/json", buf.toByteArray());
  }

  private void error(
      HttpExchange ex, int status, String message, String detail, Map<String, String> validations)
      throws IOException {
    json(
        ex,
        status,
        g -> {
          g.writeStringField("message", message);
          if (detail != null && !detail.isEmpty()) {
            g.writeStringField("detail", detail);
          }
          if (validations != null && !validations.isEmpty()) {
            g.writeArrayFieldStart("validations");
            for (Map.Entry<String, String> v : validations.entrySet()) {
              g.writeStartObject();
              g.writeStringField("field", v.getKey());
              g.writeStringField("detail", v.getValue());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
        });
  }

  private void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
    if (cfg.gzip() && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
      ByteArrayOutputStream z = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
        gz.write(body);
      }
      body = z.toByteArray();
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
