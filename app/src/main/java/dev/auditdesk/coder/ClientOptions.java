package dev.auditdesk.coder;

import dev.auditdesk.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link CoderClient} connects: timeouts, an extra certificate authority bundle (PEM) for
 * deployments behind a private CA, and the user agent. TLS verification is always on unless {@link
 * #dangerouslyTrustAnyCertificate()} is set, which exists only for throw-away test servers.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param readTimeout how long to wait for the next bytes of an answer
 * @param caBundle a PEM file with extra trusted CA certificates, or null for the system's trust
 * @param dangerouslyTrustAnyCertificate accept any certificate for any host: never in production
 * @param userAgent sent as {@code User-Agent}
 * @param allowClearText connect over plain {@code http://} to a computer other than this one (the
 *     password and token then cross the network readable); refused when false
 */
public record ClientOptions(
    Duration connectTimeout,
    Duration readTimeout,
    Path caBundle,
    boolean dangerouslyTrustAnyCertificate,
    String userAgent,
    boolean allowClearText) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public ClientOptions {
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT);
    userAgent =
        userAgent == null || userAgent.isBlank() ? "AuditDesk/" + Version.version() : userAgent;
  }

  public static ClientOptions defaults() {
    return new ClientOptions(null, null, null, false, null, false);
  }

  public Optional<Path> caBundlePath() {
    return Optional.ofNullable(caBundle);
  }

  public ClientOptions withConnectTimeout(Duration d) {
    return new ClientOptions(
        d, readTimeout, caBundle, dangerouslyTrustAnyCertificate, userAgent, allowClearText);
  }

  public ClientOptions withReadTimeout(Duration d) {
    return new ClientOptions(
        connectTimeout, d, caBundle, dangerouslyTrustAnyCertificate, userAgent, allowClearText);
  }

  public ClientOptions withCaBundle(Path pem) {
    return new ClientOptions(
        connectTimeout,
        readTimeout,
        pem,
        dangerouslyTrustAnyCertificate,
        userAgent,
        allowClearText);
  }

  /** Turns certificate and hostname checks off. Only for a throw-away test server. */
  public ClientOptions withDangerouslyTrustAnyCertificate(boolean on) {
    return new ClientOptions(connectTimeout, readTimeout, caBundle, on, userAgent, allowClearText);
  }

  public ClientOptions withUserAgent(String ua) {
    return new ClientOptions(
        connectTimeout, readTimeout, caBundle, dangerouslyTrustAnyCertificate, ua, allowClearText);
  }

  /** Allows plain http:// to another computer: only when the user asked for it, every time. */
  public ClientOptions withAllowClearText(boolean on) {
    return new ClientOptions(
        connectTimeout, readTimeout, caBundle, dangerouslyTrustAnyCertificate, userAgent, on);
  }

  private static Duration positive(Duration d, Duration fallback) {
    return d == null || d.isZero() || d.isNegative() ? fallback : d;
  }
}
