package dev.auditdesk.cache;

import dev.auditdesk.model.Deployment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cache keys in memory, for tests only: this build machine is headless with no Secret Service (no
 * D-Bus session), so the OS keyring cannot run here. Everything else in the tests is real.
 */
public final class MemoryCacheKeys implements CacheKeys {

  private final Map<String, CacheKey> keys = new ConcurrentHashMap<>();

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Optional<CacheKey> load(Deployment d) {
    return Optional.ofNullable(keys.get(d.url().toString()));
  }

  @Override
  public void save(Deployment d, CacheKey key) {
    keys.put(d.url().toString(), key);
  }

  @Override
  public void forget(Deployment d) {
    keys.remove(d.url().toString());
  }
}
