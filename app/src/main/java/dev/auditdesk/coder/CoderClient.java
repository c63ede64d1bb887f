package dev.auditdesk.coder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.coder.CoderException.Validation;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CoderApi} over Apache HttpClient 5 (classic, blocking) and Jackson. Every failure becomes
 * a {@link CoderException} whose kind says what to do and whose message says it in plain words.
 * Plain http:// is refused unless it stays on this computer or the user allowed it; redirects are
 * followed only to the same scheme, host and port, and never for a POST; the session token travels
 * only in the {@code Coder-Session-Token} header and is never logged.
 */
public final class CoderClient implements CoderApi {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);
  private static final String TOKEN_HEADER = "Coder-Session-Token";
  private static final int MAX_REDIRECTS = 5;
  private static final ObjectMapper MAPPER = AuditEventJson.mapper();
  private static final JsonFactory JSON = MAPPER.getFactory();
  private volatile Instant lastServerDate = Instant.EPOCH;

  /** Which call failed decides what a status means (401 on login is a wrong password). */
  private enum Call {
    BUILDINFO,
    LOGIN,
    ME,
    LOGOUT,
    ENTITLEMENTS,
    AUDIT
  }

  private record Answer(int status, String contentType, byte[] body, Header retryAfter) {}

  private final Deployment deployment;
  private final ClientOptions options;
  private final CloseableHttpClient http;
  private volatile SessionToken token;

  private CoderClient(Deployment deployment, ClientOptions options, CloseableHttpClient http) {
    this.deployment = deployment;
    this.options = options;
    this.http = http;
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
      throw new CoderException(Kind.INSECURE, clearTextRefused(d));
    }
    SSLContext ssl = TrustSetup.sslContext(o);
    HostnameVerifier verifier =
        o.dangerouslyTrustAnyCertificate()
            ? NoopHostnameVerifier.INSTANCE
            : new DefaultHostnameVerifier();
    ConnectionConfig cc =
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(o.connectTimeout()))
            .setSocketTimeout(Timeout.of(o.readTimeout()))
            // The demo server and proxies close idle connections; check before reusing one.
            .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
            .build();
    PoolingHttpClientConnectionManager cm =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(cc)
            .setTlsSocketStrategy(
                new DefaultClientTlsStrategy(ssl, HostnameVerificationPolicy.CLIENT, verifier))
            .setMaxConnPerRoute(4)
            .setMaxConnTotal(8)
            .build();
    RequestConfig rc =
        RequestConfig.custom()
            .setResponseTimeout(Timeout.of(o.readTimeout()))
            .setRedirectsEnabled(false)
            .build();
    CloseableHttpClient http =
        HttpClients.custom()
            .setConnectionManager(cm)
            .setDefaultRequestConfig(rc)
            .setUserAgent(o.userAgent())
            .disableRedirectHandling()
            .disableCookieManagement()
            // Retrying (and waiting out 429/503) is the sync service's decision, not ours.
            .disableAutomaticRetries()
            // We inflate gzip ourselves (see readCapped) so the inflated size can be capped.
            .disableContentCompression()
            .build();
    return new CoderClient(d, o, http);
  }

  /** Why plain http:// to another computer is refused, and the two ways on. */
  public static String clearTextRefused(Deployment d) {
    return d.url()
        + " uses plain http://, so your password and session token would cross the network"
        + " readable by anyone on the way. Use the https:// address of the deployment; to connect"
        + " anyway, tick \"Connect anyway, insecurely\" on the sign-in screen, or pass"
        + " --insecure-http on the command line.";
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
    Answer a = send("GET", "/api/v2/buildinfo", null, Call.BUILDINFO);
    JsonNode n = tryJson(a.body());
    if (n == null || !n.isObject() || !n.path("version").isTextual()) {
      throw new CoderException(
          Kind.NOT_CODER,
          host()
              + " answered, but not like a Coder deployment ("
              + describeBody(a)
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
    Answer a = send("GET", "/api/v2/entitlements", null, Call.ENTITLEMENTS);
    JsonNode n = json(a, "the deployment's entitlements");
    JsonNode features = n.get("features");
    if (features == null || !features.isObject()) {
      throw badResponse(a, "The entitlements from " + host() + " list no features.");
    }
    JsonNode audit = features.path("audit_log");
    return new Entitlements(
        audit.path("entitlement").asText("not_entitled"), audit.path("enabled").asBoolean(false));
  }

  @Override
  public SessionToken login(String email, char[] password) throws CoderException {
    byte[] body = loginBody(email, password);
    Answer a;
    try {
      a = send("POST", "/api/v2/users/login", body, Call.LOGIN);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    JsonNode n = json(a, "the sign-in answer");
    String t = n.path("session_token").asText("");
    if (t.isBlank()) {
      throw badResponse(a, "The sign-in answer from " + host() + " carried no session token.");
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
    Answer a = send("GET", "/api/v2/users/me", null, Call.ME);
    JsonNode n = json(a, "the signed-in user");
    if (!n.isObject() || n.path("id").asText("").isEmpty()) {
      throw badResponse(a, "The user information from " + host() + " has no user id.");
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
      send("POST", "/api/v2/users/logout", new byte[0], Call.LOGOUT);
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
    String path;
    try {
      URIBuilder b = new URIBuilder("/api/v2/audit");
      if (q != null && !q.isBlank()) {
        b.addParameter("q", q.trim());
      }
      b.addParameter("limit", Integer.toString(limit));
      b.addParameter("offset", Long.toString(offset));
      path = b.build().toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The audit path is fixed and valid", e);
    }
    Answer a = send("GET", path, null, Call.AUDIT);
    AuditPage page = parseAuditPage(a);
    return new AuditPage(
        page.events(), page.count(), page.countCap(), page.malformed(), lastServerDate);
  }

  /**
   * The server's clock from its last answer's {@code Date} header (HTTP dates are to the second).
   */
  private void noteServerDate(Header date) {
    if (date == null) {
      return;
    }
    try {
      lastServerDate =
          ZonedDateTime.parse(date.getValue(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // A malformed Date header leaves the previous reading; the sync then uses its own clock.
    }
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      LOG.debug("Closing the HTTP client failed", e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Streams through the page: each element is read as a tree and keeps its exact bytes from the
   * answer as {@code rawJson}; an element that is not a usable event goes to {@code malformed}.
   */
  /** The exact text of the element that started at {@code start} and ends where the parser is. */
  private static String slice(byte[] body, int start, JsonParser p) {
    int end = (int) p.currentLocation().getByteOffset();
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  private AuditPage parseAuditPage(Answer a) throws CoderException {
    byte[] body = a.body();
    List<AuditEvent> events = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    long count = -1;
    long cap = 0;
    boolean sawLogs = false;
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (IOException notJson) {
        first = null;
      }
      if (first != JsonToken.START_OBJECT) {
        throw badResponse(a, notJson(a, "a page of the audit log"));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("audit_logs".equals(field) && value == JsonToken.START_ARRAY) {
          sawLogs = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            Supplier<String> raw = () -> slice(body, start, p);
            try {
              if (p.currentToken() == JsonToken.START_OBJECT) {
                events.add(AuditEventJson.read(p, raw));
              } else {
                JsonNode element = MAPPER.readTree(p);
                events.add(AuditEventJson.fromNode(element, raw.get()));
              }
            } catch (AuditEventJson.MalformedEventException e) {
              LOG.warn(
                  "Kept an unreadable audit event from {} aside: it {}", host(), e.getMessage());
              malformed.add(raw.get());
            }
          }
        } else if ("audit_logs".equals(field) && value == JsonToken.VALUE_NULL) {
          sawLogs = true;
        } else if ("count".equals(field) && value.isNumeric()) {
          count = p.getLongValue();
        } else if ("count_cap".equals(field) && value.isNumeric()) {
          cap = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new CoderException(
          Kind.BAD_RESPONSE,
          "The audit log answer from "
              + host()
              + " is incomplete or damaged ("
              + e.getClass().getSimpleName()
              + "). Try again.",
          a.status(),
          String.valueOf(e.getMessage()),
          List.of(),
          Duration.ZERO,
          e);
    }
    if (!sawLogs) {
      throw badResponse(
          a, "The audit log answer from " + host() + " has no list of events (audit_logs).");
    }
    return new AuditPage(
        events, count < 0 ? events.size() + malformed.size() : count, cap, malformed);
  }

  private static byte[] loginBody(String email, char[] password) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
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

  private Answer send(String method, String pathAndQuery, byte[] body, Call call)
      throws CoderException {
    URI uri = URI.create(deployment.url().toString() + pathAndQuery);
    long started = System.nanoTime();
    for (int hop = 0; ; hop++) {
      ClassicRequestBuilder rb =
          ClassicRequestBuilder.create(method)
              .setUri(uri)
              .addHeader("Accept", "application/json")
              .addHeader("Accept-Encoding", "gzip");
      SessionToken t = token;
      if (t != null && call != Call.LOGIN && call != Call.BUILDINFO) {
        rb.addHeader(TOKEN_HEADER, t.reveal());
      }
      if (body != null) {
        rb.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
      }
      ClassicHttpRequest req = rb.build();
      Answer a;
      try {
        a =
            http.execute(
                req,
                response -> {
                  HttpEntity e = response.getEntity();
                  byte[] bytes = e == null ? new byte[0] : readCapped(e, options.maxBodyBytes());
                  String ct = e == null || e.getContentType() == null ? "" : e.getContentType();
                  noteServerDate(response.getFirstHeader("Date"));
                  Header loc = response.getFirstHeader("Location");
                  if (response.getCode() >= 300 && response.getCode() < 400 && loc != null) {
                    return new Answer(response.getCode(), "location", bytes, loc);
                  }
                  return new Answer(
                      response.getCode(), ct, bytes, response.getFirstHeader("Retry-After"));
                });
      } catch (IOException e) {
        throw transportFailure(e, call);
      }
      if ("location".equals(a.contentType())) {
        uri = redirectTarget(method, uri, a.retryAfter().getValue(), hop);
        continue;
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {} -> {} in {} ms, {} bytes",
            method,
            uri.getPath(),
            a.status(),
            (System.nanoTime() - started) / 1_000_000,
            a.body().length);
      }
      if (a.status() >= 200 && a.status() < 300) {
        return a;
      }
      throw statusFailure(a, call);
    }
  }

  /** An answer (inflated, if it came gzipped) longer than the configured cap. */
  private static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long max) {
      super("answer larger than " + max + " bytes");
    }
  }

  /**
   * The answer's bytes, inflated if it came gzipped, stopping with {@link BodyTooLargeException}
   * once more than {@code max} have come out: a small compressed bomb is counted at its real size
   * and never fills the heap. The connection is then dropped rather than drained, so an endless
   * answer cannot hold the call either.
   */
  private static byte[] readCapped(HttpEntity e, long max) throws IOException {
    String encoding =
        e.getContentEncoding() == null
            ? ""
            : e.getContentEncoding().trim().toLowerCase(Locale.ROOT);
    boolean identity = encoding.isEmpty() || encoding.equals("identity");
    long declared = e.getContentLength();
    InputStream raw = e.getContent();
    if (raw == null) {
      return new byte[0];
    }
    try {
      if (identity && declared > max) {
        throw new BodyTooLargeException(max);
      }
      InputStream in =
          switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 1 << 16);
            case "deflate" -> new InflaterInputStream(raw);
            default -> raw;
          };
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), 1 << 20));
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > max) {
          throw new BodyTooLargeException(max);
        }
        out.write(buf, 0, n);
      }
      raw.close();
      return out.toByteArray();
    } catch (IOException | RuntimeException failed) {
      if (raw instanceof EofSensorInputStream sensor) {
        sensor.abort(); // closing would first read the rest of the answer
      }
      throw failed;
    }
  }

  /**
   * Where a redirect may lead: the same scheme, host and port only (the session token goes with the
   * request), and never for a POST (a sign-in must not be re-sent, and 302/303 would turn it into
   * something else).
   */
  private URI redirectTarget(String method, URI from, String location, int hop)
      throws CoderException {
    URI to;
    try {
      to = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new CoderException(
          Kind.BAD_RESPONSE, host() + " sent a redirect to an unreadable address.");
    }
    String where = origin(to);
    if (!sameOrigin(from, to)) {
      throw new CoderException(
          Kind.NOT_CODER,
          host()
              + " redirects to another address ("
              + where
              + "). AuditDesk only follows redirects within the same deployment (same scheme,"
              + " host and port): if you trust that address, enter it instead.");
    }
    if (!"GET".equals(method)) {
      throw new CoderException(
          Kind.NOT_CODER,
          host()
              + " answered a "
              + method
              + " with a redirect to "
              + where
              + to.getRawPath()
              + ". AuditDesk does not send it again to another path; check the address of your"
              + " Coder deployment.");
    }
    if (hop >= MAX_REDIRECTS) {
      throw new CoderException(
          Kind.NOT_CODER,
          host() + " redirects in a loop. Check the address of your Coder deployment.");
    }
    return to;
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  private CoderException statusFailure(Answer a, Call call) {
    JsonNode n = tryJson(a.body());
    String message = n != null && n.isObject() ? n.path("message").asText("") : "";
    String detail = n != null && n.isObject() ? n.path("detail").asText("") : "";
    List<Validation> validations = new ArrayList<>();
    if (n != null && n.isObject()) {
      for (JsonNode v : n.path("validations")) {
        validations.add(new Validation(v.path("field").asText(""), v.path("detail").asText("")));
      }
    }
    int s = a.status();
    String said = message.isEmpty() ? "" : " (\"" + message + "\")";
    Kind kind;
    String text;
    Duration retryAfter = Duration.ZERO;
    if (s == 401 && call == Call.LOGIN) {
      kind = Kind.BAD_CREDENTIALS;
      text =
          "Coder did not accept that email and password"
              + said
              + ". Check them and try again; if you sign in with SSO, paste a session token"
              + " instead.";
    } else if ((s == 403 || s == 400) && call == Call.LOGIN) {
      kind = Kind.BAD_CREDENTIALS;
      text =
          "Coder refused the sign-in"
              + said
              + ". If you sign in with SSO (GitHub, OIDC), paste a session token instead.";
    } else if (s == 401) {
      kind = Kind.TOKEN_EXPIRED;
      text =
          token == null
              ? "You are not signed in to " + host() + ". Sign in first."
              : "Your session on "
                  + host()
                  + " has expired or was revoked"
                  + said
                  + ". Sign in again.";
    } else if (s == 403) {
      kind = Kind.FORBIDDEN;
      text =
          call == Call.AUDIT
              ? "Your account may not read the audit log of "
                  + host()
                  + said
                  + ". Ask an owner for the Auditor role, and check that the deployment has the"
                  + " audit log feature (a Premium license)."
              : "Your account may not do this on " + host() + said + ". Ask an owner for access.";
    } else if (s == 400 && call == Call.AUDIT) {
      kind = Kind.BAD_QUERY;
      String first =
          validations.isEmpty()
              ? (detail.isEmpty() ? message : detail)
              : validations.get(0).field() + ": " + validations.get(0).detail();
      text =
          "Coder rejected the search"
              + (first.isEmpty() ? "" : " (" + first + ")")
              + ". Change the filters and try again.";
    } else if (s == 404) {
      kind = Kind.NOT_CODER;
      text =
          host()
              + " has no Coder API at this address (404 Not Found). Check the address: it should"
              + " be the one you open Coder's dashboard at.";
    } else if (s == 429) {
      kind = Kind.RATE_LIMITED;
      retryAfter = parseRetryAfter(a.retryAfter());
      text =
          host()
              + " asks AuditDesk to slow down (too many requests). "
              + (retryAfter.isZero()
                  ? "Try again in a moment."
                  : "Trying again in " + Math.max(1, retryAfter.toSeconds()) + " s is fine.");
    } else if (s >= 500) {
      kind = Kind.SERVER_ERROR;
      text =
          host()
              + " had a problem answering ("
              + s
              + (message.isEmpty() ? "" : ": " + message)
              + "). This is usually temporary: try again in a minute; if it persists, tell the"
              + " deployment's administrator.";
    } else {
      kind = Kind.BAD_RESPONSE;
      text =
          host()
              + " answered with an unexpected status "
              + s
              + said
              + ". Check the address, or try again later.";
    }
    return new CoderException(kind, text, s, detail, validations, retryAfter, null);
  }

  /** Retry-After is either delta-seconds or an HTTP date. */
  static Duration parseRetryAfter(Header h) {
    if (h == null || h.getValue() == null) {
      return Duration.ZERO;
    }
    String v = h.getValue().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return Duration.ZERO;
      }
    }
  }

  private CoderException transportFailure(IOException e, Call call) {
    String h = host();
    Kind kind;
    String text;
    if (e instanceof SSLException ssl) {
      return tlsFailure(ssl);
    } else if (e instanceof BodyTooLargeException) {
      kind = Kind.BAD_RESPONSE;
      text =
          "The answer from "
              + h
              + " is larger than "
              + (options.maxBodyBytes() >> 20)
              + " MiB, more than AuditDesk reads at once, so it was not read. A proxy may be"
              + " answering instead of Coder; for the audit log, a smaller page size helps.";
    } else if (e instanceof ConnectTimeoutException) {
      kind = Kind.TIMEOUT;
      text =
          h
              + " did not accept a connection within "
              + options.connectTimeout().toSeconds()
              + " s. Check the address, your network or VPN, then try again.";
    } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      kind = Kind.TIMEOUT;
      text =
          h
              + " stopped answering for more than "
              + Math.max(1, options.readTimeout().toSeconds())
              + " s. The server may be busy: try again later.";
    } else if (e instanceof ConnectionClosedException
        || e instanceof TruncatedChunkException
        || e instanceof MalformedChunkCodingException) {
      kind = Kind.BAD_RESPONSE;
      text = "The answer from " + h + " was cut off before it was complete. Try again.";
    } else if (e instanceof ClientProtocolException) {
      kind = Kind.BAD_RESPONSE;
      text = h + " answered with something that is not valid HTTP. Check the address.";
    } else if (e instanceof UnknownHostException) {
      kind = Kind.UNREACHABLE;
      text =
          "The name "
              + deployment.url().getHost()
              + " could not be found. Check the address for typos, and your network or VPN.";
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      kind = Kind.UNREACHABLE;
      text =
          "Nothing answered at "
              + h
              + ". Check the address and port, that the deployment is running, and your network"
              + " or VPN.";
    } else if (e instanceof NoHttpResponseException) {
      kind = Kind.UNREACHABLE;
      text = h + " closed the connection without answering. Try again.";
    } else {
      kind = Kind.UNREACHABLE;
      text = "The connection to " + h + " failed (" + e.getMessage() + "). Try again.";
    }
    LOG.debug("{} call to {} failed: {}", call, h, e.toString());
    return new CoderException(kind, text, 0, String.valueOf(e), List.of(), Duration.ZERO, e);
  }

  private CoderException tlsFailure(SSLException e) {
    String h = host();
    String text;
    if (causedBy(e, CertificateExpiredException.class) || pathReason(e, "EXPIRED")) {
      text =
          "The security certificate of "
              + h
              + " has expired, so the connection cannot be trusted. The deployment's"
              + " administrator must renew it.";
    } else if (causedBy(e, CertificateNotYetValidException.class)
        || pathReason(e, "NOT_YET_VALID")) {
      text =
          "The security certificate of "
              + h
              + " is not valid yet. Check that this computer's date and time are right.";
    } else if (causedBy(e, SSLPeerUnverifiedException.class)
        || messageContains(e, "doesn't match", "No subject alternative", "No name matching")) {
      text =
          "The security certificate of "
              + h
              + " was issued for a different address. Check the address you entered (use the"
              + " exact name of the deployment).";
    } else if (causedBy(e, CertPathBuilderException.class)
        || causedBy(e, CertPathValidatorException.class)
        || messageContains(e, "PKIX", "certification path")) {
      text =
          "The security certificate of "
              + h
              + " is not signed by an authority this computer trusts. If your organisation uses"
              + " its own certificate authority, give its certificate (a PEM file) as \"Company"
              + " certificate (PEM)\" on the sign-in screen, or with --ca-bundle FILE on the"
              + " command line.";
    } else if (messageContains(
        e, "Unrecognized SSL message", "plaintext", "Unsupported or unrec")) {
      text =
          h + " does not speak HTTPS on this port. Check the address (perhaps it needs http://).";
    } else {
      text =
          "A secure connection to "
              + h
              + " could not be set up ("
              + e.getMessage()
              + "). Check the address, or ask the deployment's administrator.";
    }
    LOG.debug("TLS to {} failed: {}", h, e.toString());
    return new CoderException(Kind.TLS, text, 0, String.valueOf(e), List.of(), Duration.ZERO, e);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean pathReason(Throwable t, String reason) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CertPathValidatorException v && reason.equals(v.getReason().toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean messageContains(Throwable t, String... parts) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null) {
        for (String p : parts) {
          if (m.contains(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private JsonNode json(Answer a, String what) throws CoderException {
    JsonNode n = tryJson(a.body());
    if (n == null || !n.isObject()) {
      throw badResponse(a, notJson(a, what));
    }
    return n;
  }

  private String notJson(Answer a, String what) {
    return host()
        + " sent "
        + describeBody(a)
        + " instead of "
        + what
        + ". A proxy or login page may be in the way; check the address and try again.";
  }

  private CoderException badResponse(Answer a, String text) {
    return new CoderException(
        Kind.BAD_RESPONSE, text, a.status(), describeBody(a), List.of(), Duration.ZERO, null);
  }

  private static JsonNode tryJson(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describeBody(Answer a) {
    byte[] b = a.body();
    if (b.length == 0) {
      return "an empty answer";
    }
    String start = new String(b, 0, Math.min(b.length, 200), StandardCharsets.UTF_8).trim();
    String lower = start.toLowerCase(Locale.ROOT);
    if (a.contentType().toLowerCase(Locale.ROOT).contains("html")
        || lower.startsWith("<!doctype")
        || lower.startsWith("<html")) {
      return "a web page";
    }
    if (start.startsWith("{") || start.startsWith("[")) {
      return "incomplete or unexpected JSON";
    }
    return "something that is not JSON";
  }

  private String host() {
    return deployment.label();
  }
}
