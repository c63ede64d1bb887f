package dev.auditdesk.coder;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.ConnectionRow;
import dev.auditdesk.model.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.core5.net.URIBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CoderApi} over Apache HttpClient 5 (classic, blocking) and Jackson. Every failure becomes
 * a {@link CoderException} whose kind says what to do and whose message says it in plain words
 * ({@link CoderErrors}). Plain http:// is refused unless it stays on this computer or the user
 * allowed it; redirects are followed only to the same scheme, host and port, and never for a POST;
 * the session token travels only in the {@code Coder-Session-Token} header and is never logged.
 */
public final class CoderClient implements CoderApi {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);

  private final Deployment deployment;
  private final ClientOptions options;
  private final CoderErrors errors;
  private final CoderTransport transport;
  private volatile SessionToken token;

  private CoderClient(
      Deployment deployment, ClientOptions options, CoderErrors errors, CoderTransport transport) {
    this.deployment = deployment;
    this.options = options;
    this.errors = errors;
    this.transport = transport;
  }

  /** A client with the default options (system trust store, 10 s connect, 60 s read). */
  public static CoderClient create(Deployment d) throws CoderException {
    return create(d, ClientOptions.defaults());
  }

  /**
   * A client for one deployment. Fails with {@link Kind#TLS} only when the configured CA bundle
   * cannot be read; nothing is sent over the network until the first call.
   */
  public static CoderClient create(Deployment d, ClientOptions o) throws CoderException {
    if (d.isClearText() && !o.allowClearText()) {
      throw new CoderException(Kind.INSECURE, CoderErrors.clearTextRefused(d));
    }
    CoderErrors errors = new CoderErrors(d, o);
    return new CoderClient(d, o, errors, CoderTransport.create(d.url(), o, errors));
  }

  @Override
  public Deployment deployment() {
    return deployment;
  }

  public ClientOptions options() {
    return options;
  }

  /** True once {@link #login} succeeded or a token was set with {@link #useToken}. */
  public boolean hasToken() {
    return token != null;
  }

  @Override
  public BuildInfo buildInfo() throws CoderException {
    HttpAnswer a = send("GET", "/api/v2/buildinfo", null, Endpoint.BUILDINFO);
    JsonNode n = CoderErrors.tryJson(a.body());
    if (n == null || !n.isObject() || !n.path("version").isTextual()) {
      throw new CoderException(
          Kind.NOT_CODER,
          host()
              + " answered, but not like a Coder deployment ("
              + CoderErrors.describeBody(a)
              + "). Check the address: it should be the one you open Coder's dashboard at.",
          a.status(),
          "",
          List.of(),
          Duration.ZERO,
          null);
    }
    return new BuildInfo(
        n.path("version").asText(),
        n.path("dashboard_url").asText(""),
        n.path("external_url").asText(""),
        n.path("deployment_id").asText(""));
  }

  @Override
  public Entitlements entitlements() throws CoderException {
    HttpAnswer a = send("GET", "/api/v2/entitlements", null, Endpoint.ENTITLEMENTS);
    JsonNode n = json(a, "the deployment's entitlements");
    JsonNode features = n.get("features");
    if (features == null || !features.isObject()) {
      throw errors.badResponse(a, "The entitlements from " + host() + " list no features.");
    }
    JsonNode audit = features.path("audit_log");
    return new Entitlements(
        audit.path("entitlement").asText("not_entitled"), audit.path("enabled").asBoolean(false));
  }

  @Override
  public SessionToken login(String email, char[] password) throws CoderException {
    byte[] body = loginBody(email, password);
    HttpAnswer a;
    try {
      a = send("POST", "/api/v2/users/login", body, Endpoint.LOGIN);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    JsonNode n = json(a, "the sign-in answer");
    String t = n.path("session_token").asText("");
    if (t.isBlank()) {
      throw errors.badResponse(
          a, "The sign-in answer from " + host() + " carried no session token.");
    }
    SessionToken st = new SessionToken(t);
    token = st;
    LOG.info("Signed in to {}", host());
    return st;
  }

  @Override
  public void useToken(SessionToken t) {
    token = t;
  }

  @Override
  public CoderUser me() throws CoderException {
    HttpAnswer a = send("GET", "/api/v2/users/me", null, Endpoint.ME);
    JsonNode n = json(a, "the signed-in user");
    if (!n.isObject() || n.path("id").asText("").isEmpty()) {
      throw errors.badResponse(a, "The user information from " + host() + " has no user id.");
    }
    List<String> roles = new ArrayList<>();
    for (JsonNode r : n.path("roles")) {
      String name = r.isTextual() ? r.asText() : r.path("name").asText("");
      if (!name.isEmpty()) {
        roles.add(name);
      }
    }
    return new CoderUser(
        n.path("id").asText(),
        n.path("username").asText(""),
        n.path("email").asText(""),
        n.path("name").asText(""),
        roles);
  }

  @Override
  public void logout() throws CoderException {
    if (token == null) {
      return;
    }
    try {
      send("POST", "/api/v2/users/logout", new byte[0], Endpoint.LOGOUT);
    } catch (CoderException e) {
      // A token the server no longer knows is as good as logged out.
      if (e.kind() != Kind.TOKEN_EXPIRED) {
        throw e;
      }
    } finally {
      token = null;
    }
  }

  @Override
  public AuditPage auditPage(String q, int limit, long offset) throws CoderException {
    String path = pagePath("/api/v2/audit", q, limit, offset);
    HttpAnswer a = send("GET", path, null, Endpoint.AUDIT);
    ListPageReader.Page<AuditEvent> page =
        ListPageReader.read(a, errors, ListPageReader.AUDIT, AuditEventJson::read);
    return new AuditPage(
        page.items(), page.count(), page.cap(), page.malformed(), transport.lastServerDate());
  }

  @Override
  public ConnectionLogPage connectionLog(String q, int limit, long offset) throws CoderException {
    HttpAnswer a;
    try {
      a =
          send(
              "GET",
              pagePath("/api/v2/connectionlog", q, limit, offset),
              null,
              Endpoint.CONNECTION_LOG);
    } catch (CoderException e) {
      if (e.httpStatus() == 404 || e.httpStatus() == 403) {
        var reason =
            e.httpStatus() == 404
                ? ConnectionLogUnavailable.Reason.NOT_SUPPORTED
                : ConnectionLogUnavailable.Reason.NOT_PERMITTED;
        throw new ConnectionLogUnavailable(reason, host(), e.httpStatus(), e.detail());
      }
      throw e;
    }
    ListPageReader.Page<ConnectionRow> page =
        ListPageReader.read(a, errors, ListPageReader.CONNECTIONS, ConnectionRowJson::read);
    return new ConnectionLogPage(
        page.items(), page.count(), page.cap(), page.malformed(), transport.lastServerDate());
  }

  private static String pagePath(String base, String q, int limit, long offset) {
    try {
      URIBuilder b = new URIBuilder(base);
      if (q != null && !q.isBlank()) {
        b.addParameter("q", q.trim());
      }
      b.addParameter("limit", Integer.toString(limit));
      b.addParameter("offset", Long.toString(offset));
      return b.build().toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The API paths are fixed and valid", e);
    }
  }

  @Override
  public void close() {
    transport.close();
  }

  private static byte[] loginBody(String email, char[] password) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = AuditEventJson.mapper().getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("email", email == null ? "" : email.trim());
      g.writeFieldName("password");
      char[] p = password == null ? new char[0] : password;
      g.writeString(p, 0, p.length);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private HttpAnswer send(String method, String pathAndQuery, byte[] body, Endpoint call)
      throws CoderException {
    return transport.send(method, pathAndQuery, body, call, token);
  }

  private JsonNode json(HttpAnswer a, String what) throws CoderException {
    JsonNode n = CoderErrors.tryJson(a.body());
    if (n == null || !n.isObject()) {
      throw errors.badResponse(a, errors.notJson(a, what));
    }
    return n;
  }

  private String host() {
    return deployment.label();
  }
}
