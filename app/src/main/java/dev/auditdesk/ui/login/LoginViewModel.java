package dev.auditdesk.ui.login;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.coder.BuildInfo;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.login.SignInSteps.CaBundleProblem;
import dev.auditdesk.ui.login.SignInSteps.Checked;
import dev.auditdesk.ui.session.Services;
import dev.auditdesk.ui.session.Session;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in screen's state and actions. Every network or disk step ({@link SignInSteps}) runs on
 * the background executor and its result is published through the FX dispatcher; each failure lands
 * as a plain sentence in the error property of the field it concerns (URL, password, token, demo,
 * offline), and the busy flag is up while anything runs.
 */
public final class LoginViewModel extends LoginForm {

  private static final Logger LOG = LoggerFactory.getLogger(LoginViewModel.class);

  /** How a checked client gets its session token: a password, or a token pasted. */
  private interface Credentials {
    SessionToken sessionFor(CoderApi api) throws Exception;
  }

  /** One step of work off the FX thread. */
  private interface Step<T> {
    T call() throws Exception;
  }

  private final Services services;
  private final SignInSteps steps;
  private final Consumer<Session> onSignedIn;
  private final Executor background;
  private final Executor fx;
  private final ExecutorService owned;

  // The client of the last successful URL check, and the URL text it was made for.
  private CoderApi checked;
  private String checkedUrl = "";
  private String checkedCa = "";
  private BuildInfo checkedInfo;

  /** With a background thread of its own (closed by {@link #dispose}) and the FX thread. */
  public LoginViewModel(Services services, Consumer<Session> onSignedIn) {
    this(services, onSignedIn, Workers.single("login"), Platform::runLater, true);
  }

  /**
   * @param background runs the network and disk steps (its owner shuts it down)
   * @param fx runs results on the thread that owns this model's properties
   */
  public LoginViewModel(
      Services services, Consumer<Session> onSignedIn, Executor background, Executor fx) {
    this(services, onSignedIn, background, fx, false);
  }

  private LoginViewModel(
      Services services,
      Consumer<Session> onSignedIn,
      Executor background,
      Executor fx,
      boolean owned) {
    this.services = services;
    this.steps = new SignInSteps(services);
    this.onSignedIn = onSignedIn;
    this.background = background;
    this.fx = fx;
    this.owned = owned ? (ExecutorService) background : null;
    url.addListener(
        (o, a, b) -> {
          if (!b.trim().equals(checkedUrl)) {
            urlChecked.set(false);
            urlInfo.set("");
            savedSessionUser.set("");
            trust.addressChanged(b);
          }
          showCacheEncryption(b);
          urlError.set("");
        });
    trust
        .caBundle()
        .addListener(
            (o, a, b) -> {
              urlError.set("");
              if (!b.trim().equals(checkedCa)) {
                urlChecked.set(false);
                urlInfo.set("");
              }
            });
    email.addListener((o, a, b) -> passwordError.set(""));
    password.addListener((o, a, b) -> passwordError.set(""));
    token.addListener((o, a, b) -> tokenError.set(""));
  }

  /** Loads recent URLs and cached deployments (off the FX thread). */
  public void load() {
    run(
        "",
        () ->
            new Loaded(
                services.recent().list(),
                services.cachedDeployments(),
                services.connectionSettings().caBundles()),
        r -> {
          trust.remember(r.caBundles(), url.get());
          recentUrls.setAll(r.recent());
          offlineDeployments.setAll(r.cached());
          if (!r.cached().isEmpty() && offlineChoice.get() == null) {
            offlineChoice.set(r.cached().get(0));
          }
          if (url.get().isBlank() && !r.recent().isEmpty()) {
            url.set(r.recent().get(0));
          }
        },
        e -> offlineError.set(Messages.get("login.offline.failed", e.getMessage())));
  }

  /** Checks the URL with buildinfo and shows the deployment's version. */
  public void checkUrl() {
    Optional<Deployment> d = trust.parse(url.get(), urlError);
    if (d.isEmpty()) {
      return;
    }
    String text = url.get().trim();
    ClientOptions o = trust.options();
    run(
        Messages.get("login.url.checking", d.get().label()),
        () -> steps.check(d.get(), o),
        c -> accept(text, c),
        e -> fail(e, urlError));
  }

  /** Signs in with email and password, checking the URL first when that has not happened yet. */
  public void signIn() {
    if (email.get().isBlank()) {
      passwordError.set(Messages.get("login.error.noEmail"));
      return;
    }
    if (password.get().isEmpty()) {
      passwordError.set(Messages.get("login.error.noPassword"));
      return;
    }
    String mail = email.get().trim();
    char[] pw = password.get().toCharArray();
    Credentials login =
        api -> {
          try {
            return api.login(mail, pw);
          } finally {
            Arrays.fill(pw, '\0');
          }
        };
    if (!signInWith(login, passwordError)) {
      Arrays.fill(pw, '\0');
    }
  }

  /** Signs in with a pasted session token (SSO users). */
  public void signInWithToken() {
    if (token.get().isBlank()) {
      tokenError.set(Messages.get("login.error.noToken"));
      return;
    }
    SessionToken t = new SessionToken(token.get());
    signInWith(
        api -> {
          api.useToken(t);
          return t;
        },
        tokenError);
  }

  /**
   * Signs in to the address typed (checked first if it was not yet); false when the address itself
   * is refused, with the reason under it.
   */
  private boolean signInWith(Credentials credentials, StringProperty errorField) {
    Optional<Deployment> d = trust.parse(url.get(), urlError);
    if (d.isEmpty()) {
      return false;
    }
    String text = url.get().trim();
    Checked already = alreadyChecked();
    ClientOptions o = trust.options();
    boolean encrypt = encryptCache.get();
    run(
        Messages.get("login.signingIn"),
        () -> {
          Checked c = already != null ? already : steps.check(d.get(), o);
          return steps.finish(c, credentials.sessionFor(c.api()), null, text, encrypt);
        },
        this::signedIn,
        e -> fail(e, errorField));
    return true;
  }

  /** Continues with the token the keyring kept for this deployment. */
  public void continueSavedSession() {
    if (!urlChecked.get()) {
      return;
    }
    Checked c = alreadyChecked();
    String text = checkedUrl;
    boolean encrypt = encryptCache.get();
    run(
        Messages.get("login.signingIn"),
        () -> {
          SessionToken t = steps.savedToken(c);
          c.api().useToken(t);
          return steps.finish(c, t, null, text, encrypt);
        },
        this::signedIn,
        e -> {
          savedSessionUser.set("");
          fail(e, passwordError);
        });
  }

  /** Starts the built-in demo deployment in this process and signs in to it. */
  public void tryDemo() {
    run(
        Messages.get("login.demo.starting"),
        () -> {
          Services.Demo demo = services.startDemo();
          try {
            Checked c = steps.check(Deployment.parse(demo.url()), ClientOptions.defaults());
            SessionToken t = c.api().login(demo.email(), demo.password().toCharArray());
            return steps.finish(c, t, demo, demo.url(), false);
          } catch (Exception e) {
            demo.close();
            throw e;
          }
        },
        this::signedIn,
        e -> fail(e, demoError));
  }

  /** Opens a cached deployment without any network. */
  public void openOffline() {
    Deployment d = offlineChoice.get();
    if (d == null) {
      offlineError.set(Messages.get("login.offline.none"));
      return;
    }
    run(
        Messages.get("login.offline.opening", d.label()),
        () -> {
          AuditCache cache = services.openCache(d);
          return Session.offline(d, cache);
        },
        this::signedIn,
        e -> offlineError.set(Messages.get("login.offline.failed", e.getMessage())));
  }

  /** {@code <url>/cli-auth}: where an SSO user gets a session token. */
  public Optional<String> cliAuthUrl() {
    try {
      return Optional.of(Deployment.parse(url.get()).url() + "/cli-auth");
    } catch (IllegalArgumentException e) {
      urlError.set(e.getMessage());
      return Optional.empty();
    }
  }

  private Checked alreadyChecked() {
    return urlChecked.get() ? new Checked(checked, checkedInfo, "", checkedCa) : null;
  }

  private void accept(String text, Checked c) {
    if (checked != null && checked != c.api()) {
      checked.close();
    }
    checked = c.api();
    checkedInfo = c.info();
    checkedUrl = text;
    checkedCa = c.caBundle();
    urlChecked.set(true);
    urlError.set("");
    urlInfo.set(Messages.get("login.url.ok", c.info().version(), c.api().deployment().label()));
    savedSessionUser.set(c.savedUser());
  }

  private void signedIn(Session s) {
    trust.clearTextAllowed().set(false);
    // The client now belongs to the session.
    if (checked == s.api().orElse(null)) {
      checked = null;
      checkedUrl = "";
    }
    password.set("");
    token.set("");
    onSignedIn.accept(s);
  }

  /** The checkbox shows whether this address's cache is encrypted (the file's first bytes). */
  private void showCacheEncryption(String text) {
    try {
      encryptCache.set(services.cacheEncrypted(Deployment.parse(text)));
    } catch (IllegalArgumentException notAnAddressYet) {
      // Typing is under way; keep the box as it is.
    }
  }

  private void fail(Throwable e, StringProperty field) {
    if (e instanceof CaBundleProblem) {
      urlError.set(e.getMessage());
      urlChecked.set(false);
      urlInfo.set("");
      return;
    }
    if (e instanceof CoderException ce) {
      StringProperty target =
          switch (ce.kind()) {
            case NOT_CODER, UNREACHABLE, TIMEOUT, TLS, INSECURE ->
                field == demoError ? demoError : urlError;
            case TOKEN_EXPIRED -> field == passwordError ? passwordError : field;
            default -> field;
          };
      target.set(Messages.of(ce));
      if (target == urlError) {
        urlChecked.set(false);
        urlInfo.set("");
      }
      return;
    }
    if (e instanceof CacheException) {
      // Already a plain sentence naming the file and the way out (no keyring, no key, locked).
      field.set(Messages.get("login.error.cache", e.getMessage()));
      return;
    }
    LOG.warn("Sign-in step failed", e);
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    field.set(
        field == demoError
            ? Messages.get("login.demo.failed", detail)
            : Messages.get("login.error.unexpected", detail));
  }

  private <T> void run(String text, Step<T> step, Consumer<T> ok, Consumer<Throwable> failed) {
    busy.set(true);
    busyText.set(text);
    background.execute(
        () -> {
          T value;
          try {
            value = step.call();
          } catch (Throwable e) {
            fx.execute(
                () -> {
                  idle();
                  failed.accept(e);
                });
            return;
          }
          fx.execute(
              () -> {
                idle();
                ok.accept(value);
              });
        });
  }

  private void idle() {
    busy.set(false);
    busyText.set("");
  }

  /** Closes a checked client that never became a session. */
  public void dispose() {
    if (checked != null) {
      checked.close();
      checked = null;
    }
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  private record Loaded(
      List<String> recent, List<Deployment> cached, Map<String, String> caBundles) {}
}
