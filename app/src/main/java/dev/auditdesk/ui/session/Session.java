package dev.auditdesk.ui.session;

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
  private final boolean recordsAuditEvents;

  /**
   * @param api null when the cache was opened offline
   * @param user who signed in, "" when offline
   * @param demo the in-process demo server this session runs against, or null
   * @param recordsAuditEvents false when the deployment's entitlements say it records no audit
   *     events (no audit-log licence, or the feature is off)
   */
  public Session(
      Deployment deployment,
      AuditCache cache,
      CoderApi api,
      String user,
      String serverVersion,
      AutoCloseable demo,
      boolean recordsAuditEvents) {
    this.deployment = deployment;
    this.cache = cache;
    this.api = api;
    this.user = user == null ? "" : user;
    this.serverVersion = serverVersion == null ? "" : serverVersion;
    this.demo = demo;
    this.recordsAuditEvents = recordsAuditEvents;
  }

  /** A cache opened with no network: no client, nobody signed in. */
  public static Session offline(Deployment deployment, AuditCache cache) {
    return new Session(deployment, cache, null, "", "", null, true);
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

  /**
   * False when the deployment said at sign-in that it records no audit events; its audit log then
   * answers only with what it recorded before. True when it does, or nobody asked (offline).
   */
  public boolean recordsAuditEvents() {
    return recordsAuditEvents;
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
