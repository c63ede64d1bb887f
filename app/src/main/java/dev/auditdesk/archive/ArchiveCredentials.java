package dev.auditdesk.archive;

import dev.auditdesk.OsKeyring;
import java.util.function.UnaryOperator;

/**
 * Where an archive's user and password come from, in this order: the address itself, the
 * environment ({@code PGUSER}, {@code PGPASSWORD}, as PostgreSQL's own tools read them), and the OS
 * keyring, where the window keeps a password when asked to remember it. Never a file of ours, never
 * a log line.
 */
public final class ArchiveCredentials {

  /** The keyring's service name for archive passwords. */
  static final String SERVICE = "AuditDesk team archive";

  private ArchiveCredentials() {}

  /** The address with its missing credentials filled in from the environment, then the keyring. */
  public static ArchiveUrl complete(ArchiveUrl url, UnaryOperator<String> env, OsKeyring keyring) {
    ArchiveUrl u = url.withEnvironment(env);
    if (u.password().isEmpty() && !u.user().isEmpty() && keyring != null) {
      String kept = keyring.read(SERVICE, u.keyringAccount()).orElse("");
      u = u.withPassword(kept);
    }
    return u;
  }

  /** Keeps the password in the keyring for the next sign-in; throws when no keyring answers. */
  public static void remember(ArchiveUrl url, OsKeyring keyring) throws Exception {
    keyring.write(SERVICE, url.keyringAccount(), url.password());
  }

  /** Forgets a kept password (a refused one, or on request). */
  public static void forget(ArchiveUrl url, OsKeyring keyring) {
    keyring.delete(SERVICE, url.keyringAccount());
  }
}
