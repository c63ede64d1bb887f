package dev.auditdesk.ui.session;

import dev.auditdesk.OsKeyring;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.model.Deployment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps session tokens in the OS keyring when one answers, otherwise only in memory for this run.
 * Never in a file, never in a log line. {@code -Dauditdesk.keyring=off} keeps tokens in memory only
 * (portable use). Blocking: call off the FX thread.
 */
public final class TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  private static final String SERVICE = "AuditDesk";

  private final Map<String, SessionToken> memory = new ConcurrentHashMap<>();
  private final OsKeyring keyring = OsKeyring.shared();

  /** True when tokens survive a restart (a keyring answered). */
  public boolean persistent() {
    return keyring.available();
  }

  public void save(Deployment d, SessionToken token) {
    memory.put(account(d), token);
    if (keyring.available()) {
      try {
        keyring.write(SERVICE, account(d), token.reveal());
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
    return keyring.read(SERVICE, account(d)).map(SessionToken::new);
  }

  public void forget(Deployment d) {
    memory.remove(account(d));
    keyring.delete(SERVICE, account(d));
  }

  private static String account(Deployment d) {
    return d.url().toString();
  }
}
