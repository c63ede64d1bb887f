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
 * @param maxBodyBytes the largest answer read, counted after gzip is inflated; a larger one is a
 *     {@link CoderException.Kind#BAD_RESPONSE}, never an out-of-memory error
 */
public record ClientOptions(
    Duration connectTimeout,
    Duration readTimeout,
    Path caBundle,
    boolean dangerouslyTrustAnyCertificate,
    String userAgent,
    boolean allowClearText,
    long maxBodyBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** 64 MiB: a page of 1,000 events is about 1 MiB, so this is never hit by a real server. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;

  public ClientOptions {
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT);
    userAgent =
        userAgent == null || userAgent.isBlank() ? "AuditDesk/" + Version.version() : userAgent;
    maxBodyBytes = maxBodyBytes > 0 ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
  }

  public static ClientOptions defaults() {
    return new ClientOptions(null, null, null, false, null, false, 0);
  }

  public Optional<Path> caBundlePath() {
    return Optional.ofNullable(caBundle);
  }

  public ClientOptions withConnectTimeout(Duration d) {
    return new ClientOptions(
        d,
        readTimeout,
        caBundle,
        dangerouslyTrustAnyCertificate,
        userAgent,
        allowClearText,
        maxBodyBytes);
  }

  public ClientOptions withReadTimeout(Duration d) {
    return new ClientOptions(
        connectTimeout,
        d,
        caBundle,
        dangerouslyTrustAnyCertificate,
        userAgent,
        allowClearText,
        maxBodyBytes);
  }

  public ClientOptions withCaBundle(Path pem) {
    return new ClientOptions(
        connectTimeout,
        readTimeout,
        pem,
        dangerouslyTrustAnyCertificate,
        userAgent,
        allowClearText,
        maxBodyBytes);
  }

  /** Turns certificate and hostname checks off. Only for a throw-away test server. */
  public ClientOptions withDangerouslyTrustAnyCertificate(boolean on) {
    return new ClientOptions(
        connectTimeout, readTimeout, caBundle, on, userAgent, allowClearText, maxBodyBytes);
  }

  public ClientOptions withUserAgent(String ua) {
    return new ClientOptions(
        connectTimeout,
        readTimeout,
        caBundle,
        dangerouslyTrustAnyCertificate,
        ua,
        allowClearText,
        maxBodyBytes);
  }

  /** Allows plain http:// to another computer: only when the user asked for it, every time. */
  public ClientOptions withAllowClearText(boolean on) {
    return new ClientOptions(
        connectTimeout,
        readTimeout,
        caBundle,
        dangerouslyTrustAnyCertificate,
        userAgent,
        on,
        maxBodyBytes);
  }

  /** The largest answer to read; 0 or less means {@link #DEFAULT_MAX_BODY_BYTES}. */
  public ClientOptions withMaxBodyBytes(long bytes) {
    return new ClientOptions(
        connectTimeout,
        readTimeout,
        caBundle,
        dangerouslyTrustAnyCertificate,
        userAgent,
        allowClearText,
        bytes);
  }

  private static Duration positive(Duration d, Duration fallback) {
    return d == null || d.isZero() || d.isNegative() ? fallback : d;
  }
}
