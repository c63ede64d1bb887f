package dev.auditdesk.ui.session;

import com.github.javakeyring.Keyring;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Workers;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps session tokens in the OS keyring (macOS Keychain, Windows Credential Manager, Secret
 * Service / KWallet) when one answers, otherwise only in memory for this run. Never in a file,
 * never in a log line. {@code -Dauditdesk.keyring=off} keeps tokens in memory only (portable use).
 * Blocking: call off the FX thread.
 */
public final class TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  private static final String SERVICE = "AuditDesk";

  private final Map<String, SessionToken> memory = new ConcurrentHashMap<>();
  private volatile Keyring keyring;
  private volatile boolean probed;

  /** True when tokens survive a restart (a keyring answered). */
  public boolean persistent() {
    return keyring() != null;
  }

  public void save(Deployment d, SessionToken token) {
    memory.put(account(d), token);
    Keyring k = keyring();
    if (k != null) {
      try {
        k.setPassword(SERVICE, account(d), token.reveal());
      } catch (Exception e) {
        LOG.warn(
            "The keyring refused the session token; it is kept in memory only ({})",
            e.getClass().getSimpleName());
      }
    }
  }

  public Optional<SessionToken> load(Deployment d) {
    SessionToken t = memory.get(account(d));
    if (t != null) {
      return Optional.of(t);
    }
    Keyring k = keyring();
    if (k == null) {
      return Optional.empty();
    }
    try {
      String v = k.getPassword(SERVICE, account(d));
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(new SessionToken(v));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  public void forget(Deployment d) {
    memory.remove(account(d));
    Keyring k = keyring();
    if (k != null) {
      try {
        k.deletePassword(SERVICE, account(d));
      } catch (Exception e) {
        LOG.debug("No keyring entry to forget ({})", e.getClass().getSimpleName());
      }
    }
  }

  private static String account(Deployment d) {
    return d.url().toString();
  }

  // A keyring backend can hang on a desktop without a running secret service: give it 3 seconds.
  private Keyring keyring() {
    if (probed) {
      return keyring;
    }
    synchronized (this) {
      if (probed) {
        return keyring;
      }
      probed = true;
      if ("off".equalsIgnoreCase(System.getProperty("auditdesk.keyring", ""))) {
        return null;
      }
      ExecutorService ex = Workers.single("keyring");
      try {
        Callable<Keyring> create = Keyring::create;
        Future<Keyring> f = ex.submit(create);
        keyring = f.get(3, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.info(
            "No OS keyring available; session tokens are kept in memory only ({})",
            e.getClass().getSimpleName());
        keyring = null;
      } finally {
        ex.shutdownNow();
      }
      return keyring;
    }
  }
}
