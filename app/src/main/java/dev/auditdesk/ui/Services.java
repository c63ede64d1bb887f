package dev.auditdesk.ui;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the window's view models use from the layers below: clients, caches, the demo server and the
 * places AuditDesk keeps things. All methods block: call them off the FX thread.
 */
public final class Services {

  private final Path configDir;
  private final Path cachesRoot;
  private final RecentDeployments recent;
  private final TokenStore tokens = new TokenStore();

  public Services(Path configDir, Path cachesRoot) {
    this.configDir = configDir;
    this.cachesRoot = cachesRoot;
    this.recent = new RecentDeployments(configDir);
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

  public CoderApi connect(Deployment d) throws CoderException {
    return CoderClient.create(d);
  }

  /** Opens a deployment's cache for syncing and reading (creating it the first time). */
  public AuditCache openCache(Deployment d) throws CacheException {
    return CacheStore.open(cachesRoot, d, CacheStore.OpenMode.READ_WRITE);
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

  /** Receives a running sync's progress: events read, events new to the cache, 0..1 or -1. */
  public interface SyncProgress {
    void update(long read, long added, double fraction);
  }

  /**
   * Syncs the session's deployment into its cache once (full the first time, then incremental).
   * Returns the number of events new to the cache.
   */
  public long sync(Session session, SyncProgress progress, BooleanSupplier cancelled)
      throws Exception {
    throw new IllegalStateException("This build has no sync engine yet.");
  }

  /** False until the sync engine is part of the build: the window then shows the cache as is. */
  public boolean canSync() {
    return false;
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

  /**
   * Starts the built-in demo deployment on port {@code auditdesk.demo.port} (default 0: any free
   * port) with {@code auditdesk.demo.events} events.
   */
  public Demo startDemo() throws Exception {
    int port = Integer.getInteger("auditdesk.demo.port", 0);
    int events = Integer.getInteger("auditdesk.demo.events", DemoConfig.defaults().events());
    return new Demo(DemoServer.start(DemoConfig.defaults().withPort(port).withEvents(events)));
  }
}
