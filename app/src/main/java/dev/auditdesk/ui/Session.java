package dev.auditdesk.ui;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.model.Deployment;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What signing in (or opening a cache offline) produced: the deployment, its open cache and, when
 * online, a signed-in client. Closing it closes all of them, and the demo server if it started one.
 */
public final class Session implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final Deployment deployment;
  private final AuditCache cache;
  private final CoderApi api;
  private final String user;
  private final String serverVersion;
  private final AutoCloseable demo;

  /**
   * @param api null when the cache was opened offline
   * @param user who signed in, "" when offline
   * @param demo the in-process demo server this session runs against, or null
   */
  public Session(
      Deployment deployment,
      AuditCache cache,
      CoderApi api,
      String user,
      String serverVersion,
      AutoCloseable demo) {
    this.deployment = deployment;
    this.cache = cache;
    this.api = api;
    this.user = user == null ? "" : user;
    this.serverVersion = serverVersion == null ? "" : serverVersion;
    this.demo = demo;
  }

  public Deployment deployment() {
    return deployment;
  }

  public AuditCache cache() {
    return cache;
  }

  /** The signed-in client; empty when the deployment was opened offline. */
  public Optional<CoderApi> api() {
    return Optional.ofNullable(api);
  }

  public boolean online() {
    return api != null;
  }

  public boolean demo() {
    return demo != null;
  }

  public String user() {
    return user;
  }

  public String serverVersion() {
    return serverVersion;
  }

  @Override
  public void close() {
    closeQuietly(api);
    closeQuietly(cache);
    closeQuietly(demo);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
