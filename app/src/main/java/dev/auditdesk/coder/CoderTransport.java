package dev.auditdesk.coder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
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
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@link CoderClient}: one pooled HttpClient 5 with the configured trust and
 * timeouts, requests with the session token in its header, redirects only within the deployment,
 * answers read to a capped size, and the server's clock from its {@code Date} header.
 */
final class CoderTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);
  private static final String TOKEN_HEADER = "Coder-Session-Token";
  private static final int MAX_REDIRECTS = 5;

  private final URI base;
  private final ClientOptions options;
  private final CoderErrors errors;
  private final CloseableHttpClient http;
  private volatile Instant lastServerDate = Instant.EPOCH;

  private CoderTransport(
      URI base, ClientOptions options, CoderErrors errors, CloseableHttpClient http) {
    this.base = base;
    this.options = options;
    this.errors = errors;
    this.http = http;
  }

  /** Fails with {@link CoderException.Kind#TLS} only when the CA bundle cannot be read. */
  static CoderTransport create(URI base, ClientOptions o, CoderErrors errors)
      throws CoderException {
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
    return new CoderTransport(base, o, errors, http);
  }

  /** The server's clock at its last answer, or the epoch before the first one. */
  Instant lastServerDate() {
    return lastServerDate;
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

  /**
   * Sends one request and returns a 2xx answer; any other outcome is the {@link CoderException}
   * {@link CoderErrors} makes of it. The token goes only with calls other than sign-in and build
   * info.
   */
  HttpAnswer send(String method, String pathAndQuery, byte[] body, Endpoint call, SessionToken t)
      throws CoderException {
    URI uri = URI.create(base.toString() + pathAndQuery);
    long started = System.nanoTime();
    for (int hop = 0; ; hop++) {
      ClassicRequestBuilder rb =
          ClassicRequestBuilder.create(method)
              .setUri(uri)
              .addHeader("Accept", "application/json")
              .addHeader("Accept-Encoding", "gzip");
      if (t != null && call != Endpoint.LOGIN && call != Endpoint.BUILDINFO) {
        rb.addHeader(TOKEN_HEADER, t.reveal());
      }
      if (body != null) {
        rb.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
      }
      ClassicHttpRequest req = rb.build();
      HttpAnswer a;
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
                    return new HttpAnswer(response.getCode(), "location", bytes, loc);
                  }
                  return new HttpAnswer(
                      response.getCode(), ct, bytes, response.getFirstHeader("Retry-After"));
                });
      } catch (IOException e) {
        throw errors.transportFailure(e, call);
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
      throw errors.statusFailure(a, call, t != null);
    }
  }

  /** An answer (inflated, if it came gzipped) longer than the configured cap. */
  static final class BodyTooLargeException extends IOException {
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
      throw errors.redirectUnreadable();
    }
    String where = origin(to);
    if (!sameOrigin(from, to)) {
      throw errors.redirectElsewhere(where);
    }
    if (!"GET".equals(method)) {
      throw errors.redirectOfNonGet(method, where + to.getRawPath());
    }
    if (hop >= MAX_REDIRECTS) {
      throw errors.redirectLoop();
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

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      LOG.debug("Closing the HTTP client failed", e);
    }
  }
}
