package dev.auditdesk.ui.session;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheKeys;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.sync.SyncEngine;
import dev.auditdesk.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the window's view models use from the layers below: clients, caches, the demo server and the
 * places AuditDesk keeps things. All methods block: call them off the FX thread.
 */
public final class Services {

  private final Path configDir;
  private final Path cachesRoot;
  private final RecentDeployments recent;
  private final TokenStore tokens = new TokenStore();
  private final ConnectionSettings connectionSettings;

  public Services(Path configDir, Path cachesRoot) {
    this.configDir = configDir;
    this.cachesRoot = cachesRoot;
    this.recent = new RecentDeployments(configDir);
    this.connectionSettings = new ConnectionSettings(configDir);
    // Settings written by an older AuditDesk or under a loose umask become owner-only.
    PrivateFiles.tightenTree(configDir);
    PrivateFiles.tighten(cachesRoot);
  }

  public Path configDir() {
    return configDir;
  }

  public Path cachesRoot() {
    return cachesRoot;
  }

  public RecentDeployments recent() {
    return recent;
  }

  public TokenStore tokens() {
    return tokens;
  }

  public ConnectionSettings connectionSettings() {
    return connectionSettings;
  }

  /**
   * A client for a deployment with the sign-in screen's choices: the company certificate and, for
   * this attempt only, consent to plain http:// (refused otherwise before connecting).
   */
  public CoderApi connect(Deployment d, ClientOptions options) throws CoderException {
    return CoderClient.create(d, options);
  }

  /** Opens a deployment's cache for syncing and reading (creating it the first time). */
  public AuditCache openCache(Deployment d) throws CacheException {
    return CacheStore.open(cachesRoot, d, CacheStore.OpenMode.READ_WRITE);
  }

  /** True when the deployment's cache on this computer is encrypted (read from the file). */
  public boolean cacheEncrypted(Deployment d) {
    return CacheStore.isEncrypted(cachesRoot, d);
  }

  /**
   * Encrypts (key to the OS keyring) or decrypts the deployment's closed cache; nothing when it is
   * already so. Fails plainly without a keyring. Blocking: off the FX thread.
   */
  public void setCacheEncrypted(Deployment d, boolean encrypted) throws CacheException {
    if (encrypted == cacheEncrypted(d)) {
      return;
    }
    if (encrypted) {
      CacheStore.encrypt(cachesRoot, d, CacheKeys.keyring());
    } else {
      CacheStore.decrypt(cachesRoot, d, CacheKeys.keyring());
    }
  }

  /** Deployments with a usable cache on this computer, last synced first. */
  public List<Deployment> cachedDeployments() {
    List<Deployment> out = new ArrayList<>();
    for (CacheStore.CachedDeployment c : CacheStore.list(cachesRoot)) {
      if (c.deployment() != null && c.problem().isEmpty()) {
        out.add(c.deployment());
      }
    }
    return out;
  }

  /**
   * The engine that syncs the session's deployment into its cache (the first time its whole
   * history, then what is new), for a {@link dev.auditdesk.sync.SyncScheduler} that runs it every
   * {@code interval}; empty offline.
   */
  public Optional<SyncEngine> syncEngine(Session session, Duration interval) {
    return session
        .api()
        .map(
            api ->
                new SyncEngine(
                    api, session.cache(), SyncSettings.defaults().withInterval(interval)));
  }

  /** A demo deployment running in this process, and how to sign in to it. */
  public record Demo(DemoServer server) implements AutoCloseable {
    public String url() {
      return server.url().toString();
    }

    public String email() {
      return server.email();
    }

    public String password() {
      return server.password();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** The demo's usual port: the same address each run means one cache that syncs incrementally. */
  public static final int DEMO_PORT = 47800;

  /**
   * Starts the built-in demo deployment on port {@code auditdesk.demo.port} (default {@link
   * #DEMO_PORT}, any free port when that one is taken) with {@code auditdesk.demo.events} events.
   */
  public Demo startDemo() throws Exception {
    int port = Integer.getInteger("auditdesk.demo.port", DEMO_PORT);
    int events = Integer.getInteger("auditdesk.demo.events", DemoConfig.defaults().events());
    // A person trying AuditDesk should see what the insights panel finds at once.
    DemoConfig config = DemoConfig.defaults().withEvents(events).withInsightPatterns(true);
    try {
      return new Demo(DemoServer.start(config.withPort(port)));
    } catch (Exception portTaken) {
      if (port == 0) {
        throw portTaken;
      }
      return new Demo(DemoServer.start(config.withPort(0)));
    }
  }
}
