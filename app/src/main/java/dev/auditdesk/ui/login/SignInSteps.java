package dev.auditdesk.ui.login;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.coder.BuildInfo;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.coder.CoderUser;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.session.Services;
import dev.auditdesk.ui.session.Session;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network and disk steps of signing in, run off the FX thread: check an address (its version
 * and whether the keyring's token still works), then finish a sign-in (who, whether the audit log
 * is readable, the cache, what to remember).
 */
final class SignInSteps {

  private static final Logger LOG = LoggerFactory.getLogger(SignInSteps.class);

  /** A checked address: its client, its version, the user of a saved token that still works. */
  record Checked(CoderApi api, BuildInfo info, String savedUser, String caBundle) {}

  /** A problem with the company certificate file itself: shown under the address. */
  static final class CaBundleProblem extends Exception {
    CaBundleProblem(String message) {
      super(message);
    }
  }

  private final Services services;

  SignInSteps(Services services) {
    this.services = services;
  }

  Checked check(Deployment d, ClientOptions options) throws Exception {
    CoderApi api;
    try {
      api = services.connect(d, options);
    } catch (CoderException e) {
      if (e.kind() == CoderException.Kind.TLS && options.caBundle() != null) {
        throw new CaBundleProblem(Messages.get("login.error.caBundle", options.caBundle()));
      }
      throw e;
    }
    try {
      BuildInfo info = api.buildInfo();
      String savedUser = "";
      Optional<SessionToken> saved = services.tokens().load(d);
      if (saved.isPresent()) {
        try {
          api.useToken(saved.get());
          savedUser = api.me().username();
        } catch (CoderException e) {
          // Only the server saying the token is invalid (401) forgets it: a timeout or a 5xx
          // says nothing about the token, and the user would have to fetch a new one for nothing.
          if (e.kind() == CoderException.Kind.TOKEN_EXPIRED) {
            services.tokens().forget(d);
          }
          api.useToken(null);
        }
      }
      return new Checked(api, info, savedUser, TransportTrust.caText(options));
    } catch (CoderException | RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** The token the keyring kept for the checked deployment; an expired-token failure if none. */
  SessionToken savedToken(Checked c) throws CoderException {
    return services
        .tokens()
        .load(c.api().deployment())
        .orElseThrow(
            () ->
                new CoderException(
                    CoderException.Kind.TOKEN_EXPIRED, Messages.get("login.error.TOKEN_EXPIRED")));
  }

  /** {@code encrypt}: the sign-in screen's "Encrypt this computer's copy" (not for the demo). */
  Session finish(Checked c, SessionToken t, Services.Demo demo, String text, boolean encrypt)
      throws Exception {
    CoderApi api = c.api();
    CoderUser me = api.me();
    boolean records = true;
    try {
      records = api.entitlements().recordsAuditEvents();
    } catch (CoderException e) {
      LOG.info("Entitlements not readable ({}); signing in anyway", e.kind());
    }
    if (!records) {
      // Coder still answers the audit log (with what it recorded before): the window says so.
      LOG.info("The deployment records no audit events (no audit-log entitlement)");
    }
    api.auditPage("", 1, 0);
    Deployment d = new Deployment(api.deployment().url(), c.info().deploymentId());
    if (demo == null) {
      // Before the cache opens: converting needs the file closed.
      services.setCacheEncrypted(d, encrypt);
    }
    AuditCache cache = services.openCache(d);
    if (demo == null) {
      services.tokens().save(d, t);
      services.recent().remember(text);
      services.connectionSettings().rememberCaBundle(d, c.caBundle());
    }
    return new Session(d, cache, api, me.username(), c.info().version(), demo, records);
  }
}
