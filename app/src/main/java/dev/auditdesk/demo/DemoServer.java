package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Coder-compatible deployment on 127.0.0.1 with a generated audit history, for trying AuditDesk
 * without a Coder server and for tests (real HTTP instead of mocks).
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: no dependency, and the handful of JSON
 * endpoints needs no routing framework. It answers {@code /api/v2/users/login}, {@code /users/me},
 * {@code /users/logout}, {@code /buildinfo}, {@code /entitlements}, {@code /audit} and {@code
 * /connectionlog} like Coder (same fields, same error bodies), unknown {@code /api/} paths with
 * Coder's 404, and anything else with an HTML page, as Coder's web app does.
 */
public final class DemoServer implements AutoCloseable {

  /** The password of both demo accounts; documented in README and docs/CODER-API.md. */
  public static final String PASSWORD = "auditdesk-demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
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
  private final DemoHttp http;
  private final DemoSessions sessions;
  private final DemoAudit audit;
  private final DemoConnections connections;
  private final DemoConnectionLog connectionLog;

  private DemoServer(DemoConfig cfg) throws IOException {
    this.cfg = cfg;
    this.history =
        new DemoHistory(cfg.seed(), cfg.events(), cfg.historyEnd(), cfg.insightPatterns());
    this.http = new DemoHttp(cfg.gzip());
    this.sessions = new DemoSessions(history.catalog(), http);
    this.audit = new DemoAudit(cfg, history, sessions, http);
    this.connections =
        new DemoConnections(
            history.catalog(),
            cfg.seed(),
            cfg.connections(),
            cfg.historyEnd(),
            cfg.insightPatterns());
    this.connectionLog = new DemoConnectionLog(cfg, connections, sessions, http);
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
    sessions.expireAll();
  }

  /** Every session token a sign-in created (tests look for them where they must not be). */
  public Set<String> issuedTokens() {
    return sessions.issued();
  }

  /** Session tokens that still work: signed in and neither logged out nor expired. */
  public int liveSessions() {
    return sessions.live();
  }

  /** How many {@code /api/v2/audit} requests have been answered or started. */
  public int auditRequests() {
    return audit.requests();
  }

  /** The most {@code /api/v2/audit} requests this server was answering at one moment. */
  public int maxAuditRequestsInFlight() {
    return audit.maxInFlight();
  }

  /** Events a full sync would see right now (after retention, without unreleased late events). */
  public int visibleEvents() {
    return audit.visibleEvents();
  }

  /**
   * The id of every event the server would list right now, read from the history itself rather than
   * through paged requests (whose tie order may be reshuffled): the truth tests compare with.
   */
  public java.util.Set<String> visibleIds() {
    return audit.visibleIds();
  }

  /** How many visible events each UTC day holds, seam included: the truth for a day's record. */
  public java.util.Map<java.time.LocalDate, Long> visibleEventsPerDay() {
    return audit.visibleEventsPerDay();
  }

  /**
   * Rows skipped by OFFSET over all audit requests so far (what a real database reads for nothing).
   */
  public long offsetRows() {
    return audit.offsetRows();
  }

  /** Time spent answering audit requests, the OFFSET cost included. */
  public java.time.Duration serverTime() {
    return audit.serverTime();
  }

  /** Lets {@code n} new events happen now (newest first in the next answer). */
  public void addEvents(int n) {
    audit.addEvents(n);
  }

  /** The connection log as the server holds it now, newest first (the truth tests compare with). */
  /**
   * The server's retention for the connection log: from now on it no longer lists rows that
   * connected before {@code t} ({@link #connectionRows} still has every generated row).
   */
  public void purgeConnectionsBefore(java.time.Instant t) {
    connectionLog.purgeBefore(t);
  }

  public java.util.List<dev.auditdesk.model.ConnectionRow> connectionRows() {
    return connections.all();
  }

  /** Ends the {@code n} newest open sessions now (their disconnect arrives); returns their ids. */
  public java.util.List<String> endOpenSessions(int n) {
    return connections.endSessions(n);
  }

  /** {@code n} new connections happen now. */
  public void addConnections(int n) {
    connections.add(n);
  }

  /** How many {@code /api/v2/connectionlog} requests have been answered or started. */
  public int connectionLogRequests() {
    return connectionLog.requests();
  }

  /** Rows skipped by OFFSET over all connection-log requests so far. */
  public long connectionLogOffsetRows() {
    return connectionLog.offsetRows();
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
        case "/api/v2/users/login" -> post(ex, method, sessions::login);
        case "/api/v2/users/me" -> get(ex, method, sessions::me);
        case "/api/v2/users/logout" -> post(ex, method, sessions::logout);
        case "/api/v2/entitlements" -> get(ex, method, this::entitlements);
        case "/api/v2/audit" -> get(ex, method, audit::handle);
        case "/api/v2/connectionlog" -> get(ex, method, connectionLog::handle);
        default -> {
          if (path.startsWith("/api/")) {
            http.error(ex, 404, "Route not found.", "", null);
          } else {
            http.send(ex, 200, "text/html; charset=utf-8", HTML);
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
      http.error(ex, 405, "Method not allowed.", "", null);
      return;
    }
    h.handle(ex);
  }

  private void post(HttpExchange ex, String method, Handler h) throws IOException {
    if (!"POST".equals(method)) {
      http.error(ex, 405, "Method not allowed.", "", null);
      return;
    }
    h.handle(ex);
  }

  // ---------------------------------------------------------------------------------- endpoints

  private void buildInfo(HttpExchange ex) throws IOException {
    http.json(
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

  private void entitlements(HttpExchange ex) throws IOException {
    if (sessions.authenticate(ex) == null) {
      return;
    }
    boolean on = cfg.auditEntitled();
    http.json(
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
}
