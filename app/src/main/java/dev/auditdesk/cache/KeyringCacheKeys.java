package dev.auditdesk.cache;

import com.github.javakeyring.Keyring;
import dev.auditdesk.model.Deployment;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache keys in the OS keyring (macOS Keychain, Windows Credential Manager, Secret Service /
 * KWallet), service {@code AuditDesk cache key}, account = the deployment's URL. {@code
 * -Dauditdesk.keyring=off} turns it off, as for session tokens. Blocking: call off the FX thread.
 */
final class KeyringCacheKeys implements CacheKeys {

  static final KeyringCacheKeys INSTANCE = new KeyringCacheKeys();

  private static final Logger LOG = LoggerFactory.getLogger(KeyringCacheKeys.class);
  static final String SERVICE = "AuditDesk cache key";

  private volatile Keyring keyring;
  private volatile boolean probed;

  @Override
  public boolean available() {
    return keyring() != null;
  }

  @Override
  public Optional<CacheKey> load(Deployment d) {
    Keyring k = keyring();
    if (k == null) {
      return Optional.empty();
    }
    try {
      String v = k.getPassword(SERVICE, account(d));
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(new CacheKey(v));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Override
  public void save(Deployment d, CacheKey key) throws CacheException {
    Keyring k = keyring();
    if (k == null) {
      throw CacheErrors.noKeyring();
    }
    try {
      k.setPassword(SERVICE, account(d), key.reveal());
    } catch (Exception e) {
      throw new CacheException(
          CacheException.Problem.IO,
          "The OS keyring refused to keep the cache key ("
              + e.getClass().getSimpleName()
              + "), so the cache was left unencrypted.",
          null);
    }
  }

  @Override
  public void forget(Deployment d) {
    Keyring k = keyring();
    if (k == null) {
      return;
    }
    try {
      k.deletePassword(SERVICE, account(d));
    } catch (Exception e) {
      LOG.debug("No cache key to forget ({})", e.getClass().getSimpleName());
    }
  }

  private static String account(Deployment d) {
    return d.url().toString();
  }

  // A keyring backend can hang on a desktop without a running secret service: give it 3 seconds.
  private Keyring keyring() {
    if ("off".equalsIgnoreCase(System.getProperty("auditdesk.keyring", ""))) {
      return null;
    }
    if (probed) {
      return keyring;
    }
    synchronized (this) {
      if (probed) {
        return keyring;
      }
      probed = true;
      ExecutorService ex =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "cache-keyring");
                t.setDaemon(true);
                return t;
              });
      try {
        Callable<Keyring> create = Keyring::create;
        Future<Keyring> f = ex.submit(create);
        keyring = f.get(3, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.info("No OS keyring available for cache keys ({})", e.getClass().getSimpleName());
        keyring = null;
      } finally {
        ex.shutdownNow();
      }
      return keyring;
    }
  }
}
