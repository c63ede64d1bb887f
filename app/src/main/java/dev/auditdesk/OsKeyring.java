package dev.auditdesk;

import com.github.javakeyring.Keyring;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS keyring (macOS Keychain, Windows Credential Manager, Secret Service / KWallet), shared by
 * the session tokens and the cache keys. Probed once per run; {@code -Dauditdesk.keyring=off} turns
 * it off (portable use). A secret it holds is never written anywhere else. Blocking: call off the
 * FX thread.
 */
public final class OsKeyring {

  private static final Logger LOG = LoggerFactory.getLogger(OsKeyring.class);
  private static final OsKeyring SHARED = new OsKeyring();

  private volatile Keyring keyring;
  private volatile boolean probed;

  private OsKeyring() {}

  public static OsKeyring shared() {
    return SHARED;
  }

  /** True when a keyring answered, so secrets survive a restart. */
  public boolean available() {
    return keyring() != null;
  }

  /** The secret kept for an account; empty when none, or no keyring answers. */
  public Optional<String> read(String service, String account) {
    Keyring k = keyring();
    if (k == null) {
      return Optional.empty();
    }
    try {
      String v = k.getPassword(service, account);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Keeps a secret; throws when no keyring answers or it refuses (the caller words the message).
   */
  public void write(String service, String account, String secret) throws Exception {
    Keyring k = keyring();
    if (k == null) {
      throw new IllegalStateException("No OS keyring is available");
    }
    k.setPassword(service, account, secret);
  }

  /** Forgets a secret; nothing to forget is not an error. */
  public void delete(String service, String account) {
    Keyring k = keyring();
    if (k == null) {
      return;
    }
    try {
      k.deletePassword(service, account);
    } catch (Exception e) {
      LOG.debug("No keyring entry to forget ({})", e.getClass().getSimpleName());
    }
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
      ExecutorService ex = Executors.newSingleThreadExecutor(DaemonThreads.named("keyring-probe"));
      try {
        Callable<Keyring> create = Keyring::create;
        Future<Keyring> f = ex.submit(create);
        keyring = f.get(3, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.info(
            "No OS keyring available; secrets are kept in memory only ({})",
            e.getClass().getSimpleName());
        keyring = null;
      } finally {
        ex.shutdownNow();
        probed = true;
      }
      return keyring;
    }
  }
}
