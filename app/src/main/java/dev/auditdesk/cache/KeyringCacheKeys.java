package dev.auditdesk.cache;

import dev.auditdesk.OsKeyring;
import dev.auditdesk.model.Deployment;
import java.util.Optional;

/**
 * Cache keys in the OS keyring, service {@code AuditDesk cache key}, account = the deployment's
 * URL. {@code -Dauditdesk.keyring=off} turns it off, as for session tokens. Blocking: call off the
 * FX thread.
 */
final class KeyringCacheKeys implements CacheKeys {

  static final KeyringCacheKeys INSTANCE = new KeyringCacheKeys();

  static final String SERVICE = "AuditDesk cache key";

  private final OsKeyring keyring = OsKeyring.shared();

  @Override
  public boolean available() {
    return keyring.available();
  }

  @Override
  public Optional<CacheKey> load(Deployment d) {
    return keyring.read(SERVICE, account(d)).map(CacheKey::new);
  }

  @Override
  public void save(Deployment d, CacheKey key) throws CacheException {
    if (!keyring.available()) {
      throw CacheErrors.noKeyring();
    }
    try {
      keyring.write(SERVICE, account(d), key.reveal());
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
    keyring.delete(SERVICE, account(d));
  }

  private static String account(Deployment d) {
    return d.url().toString();
  }
}
