package dev.auditdesk.cache;

import dev.auditdesk.model.Deployment;
import java.util.Optional;

/**
 * Where the passphrases of encrypted caches are kept: the OS keyring ({@link #keyring()}), one
 * entry per deployment. Never a file: a key beside the file it opens would protect nothing.
 */
public interface CacheKeys {

  /** True when keys can be kept here across restarts; encryption cannot be turned on otherwise. */
  boolean available();

  Optional<CacheKey> load(Deployment d);

  /** Stores the key; fails with a plain message when it cannot be kept. */
  void save(Deployment d, CacheKey key) throws CacheException;

  void forget(Deployment d);

  /** The OS keyring, probed once on first use (never for a cache that is not encrypted). */
  static CacheKeys keyring() {
    return KeyringCacheKeys.INSTANCE;
  }
}
