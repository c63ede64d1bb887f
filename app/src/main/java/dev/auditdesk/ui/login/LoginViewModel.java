package dev.auditdesk.ui.login;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.coder.BuildInfo;
import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.coder.CoderApi;
import dev.auditdesk.coder.CoderException;
import dev.auditdesk.coder.CoderUser;
import dev.auditdesk.coder.SessionToken;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.app.Services;
import dev.auditdesk.ui.app.Session;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in screen's state and actions. Every network or disk step runs on a background thread;
 * each failure lands as a plain sentence in the error property of the field it concerns (URL,
 * password, token, demo, offline), and the busy flag is up while anything runs.
 */
public final class LoginViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(LoginViewModel.class);

  private final Services services;
  private final Consumer<Session> onSignedIn;
  private final ExecutorService worker = Workers.single("login");

  private final StringProperty url = new SimpleStringProperty("");
  private final ObservableList<String> recentUrls = FXCollections.observableArrayList();
  private final StringProperty urlInfo = new SimpleStringProperty("");
  private final StringProperty urlError = new SimpleStringProperty("");
  private final BooleanProperty clearTextOffered = new SimpleBooleanProperty(false);
  private final BooleanProperty clearTextAllowed = new SimpleBooleanProperty(false);
  private final StringProperty caBundle = new SimpleStringProperty("");
  private Map<String, String> rememberedCaBundles = Map.of();
  private final BooleanProperty urlChecked = new SimpleBooleanProperty(false);
  private final StringProperty email = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty passwordError = new SimpleStringProperty("");
  private final BooleanProperty tokenMode = new SimpleBooleanProperty(false);
  private final StringProperty token = new SimpleStringProperty("");
  private final StringProperty tokenError = new SimpleStringProperty("");
  private final StringProperty savedSessionUser = new SimpleStringProperty("");
  private final StringProperty demoError = new SimpleStringProperty("");
  private final ObservableList<Deployment> offlineDeployments = FXCollections.observableArrayList();
  private final ObjectProperty<Deployment> offlineChoice = new SimpleObjectProperty<>();
  private final StringProperty offlineError = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final StringProperty busyText = new SimpleStringProperty("");

  // The client of the last successful URL check, and the URL text it was made for.
  private CoderApi checked;
  private String checkedUrl = "";
  private String checkedCa = "";
  private BuildInfo checkedInfo;

  public LoginViewModel(Services services, Consumer<Session> onSignedIn) {
    this.services = services;
    this.onSignedIn = onSignedIn;
    url.addListener(
        (o, a, b) -> {
          if (!b.trim().equals(checkedUrl)) {
            urlChecked.set(false);
            urlInfo.set("");
            savedSessionUser.set("");
            // Consent to clear text is for one address and one attempt: never carried over.
            clearTextAllowed.set(false);
            clearTextOffered.set(false);
            fillRememberedCaBundle(b);
          }
          urlError.set("");
        });
    caBundle.addListener(
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
        new Task<Loaded>() {
          @Override
          protected Loaded call() {
            return new Loaded(
                services.recent().list(),
                services.cachedDeployments(),
                services.connectionSettings().caBundles());
          }
        },
        r -> {
          rememberedCaBundles = r.caBundles();
          recentUrls.setAll(r.recent());
          offlineDeployments.setAll(r.cached());
          if (!r.cached().isEmpty() && offlineChoice.get() == null) {
            offlineChoice.set(r.cached().get(0));
          }
          if (url.get().isBlank() && !r.recent().isEmpty()) {
            url.set(r.recent().get(0));
          } else {
            fillRememberedCaBundle(url.get());
          }
        },
        e -> offlineError.set(Messages.get("login.offline.failed", e.getMessage())));
  }

  /** Checks the URL with buildinfo and shows the deployment's version. */
  public void checkUrl() {
    Optional<Deployment> d = parseUrl();
    if (d.isEmpty()) {
      return;
    }
    String text = url.get().trim();
    ClientOptions o = options();
    run(
        Messages.get("login.url.checking", d.get().label()),
        new Task<Checked>() {
          @Override
          protected Checked call() throws Exception {
            return check(d.get(), o);
          }
        },
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
    Optional<Deployment> d = parseUrl();
    if (d.isEmpty()) {
      return;
    }
    String text = url.get().trim();
    String mail = email.get().trim();
    char[] pw = password.get().toCharArray();
    Checked already = urlChecked.get() ? new Checked(checked, checkedInfo, "", checkedCa) : null;
    ClientOptions o = options();
    run(
        Messages.get("login.signingIn"),
        new Task<Session>() {
          @Override
          protected Session call() throws Exception {
            Checked c = already != null ? already : check(d.get(), o);
            updateMessage(text);
            SessionToken t;
            try {
              t = c.api().login(mail, pw);
            } finally {
              java.util.Arrays.fill(pw, '\0');
            }
            return finish(c, t, null, text);
          }
        },
        this::signedIn,
        e -> fail(e, passwordError));
  }

  /** Signs in with a pasted session token (SSO users). */
  public void signInWithToken() {
    if (token.get().isBlank()) {
      tokenError.set(Messages.get("login.error.noToken"));
      return;
    }
    Optional<Deployment> d = parseUrl();
    if (d.isEmpty()) {
      return;
    }
    String text = url.get().trim();
    SessionToken t = new SessionToken(token.get());
    Checked already = urlChecked.get() ? new Checked(checked, checkedInfo, "", checkedCa) : null;
    ClientOptions o = options();
    run(
        Messages.get("login.signingIn"),
        new Task<Session>() {
          @Override
          protected Session call() throws Exception {
            Checked c = already != null ? already : check(d.get(), o);
            c.api().useToken(t);
            return finish(c, t, null, text);
          }
        },
        this::signedIn,
        e -> fail(e, tokenError));
  }

  /** Continues with the token the keyring kept for this deployment. */
  public void continueSavedSession() {
    if (!urlChecked.get()) {
      return;
    }
    Checked c = new Checked(checked, checkedInfo, "", checkedCa);
    String text = checkedUrl;
    run(
        Messages.get("login.signingIn"),
        new Task<Session>() {
          @Override
          protected Session call() throws Exception {
            SessionToken t =
                services
                    .tokens()
                    .load(c.api().deployment())
                    .orElseThrow(
                        () ->
                            new CoderException(
                                CoderException.Kind.TOKEN_EXPIRED,
                                Messages.get("login.error.TOKEN_EXPIRED")));
            c.api().useToken(t);
            return finish(c, t, null, text);
          }
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
        new Task<Session>() {
          @Override
          protected Session call() throws Exception {
            Services.Demo demo = services.startDemo();
            try {
              Deployment d = Deployment.parse(demo.url());
              Checked c = check(d, ClientOptions.defaults());
              SessionToken t = c.api().login(demo.email(), demo.password().toCharArray());
              return finish(c, t, demo, demo.url());
            } catch (Exception e) {
              demo.close();
              throw e;
            }
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
        new Task<Session>() {
          @Override
          protected Session call() throws Exception {
            AuditCache cache = services.openCache(d);
            return Session.offline(d, cache);
          }
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

  private Optional<Deployment> parseUrl() {
    Deployment d;
    try {
      d = Deployment.parse(url.get());
    } catch (IllegalArgumentException e) {
      urlError.set(e.getMessage());
      return Optional.empty();
    }
    if (d.isClearText() && !clearTextAllowed.get()) {
      clearTextOffered.set(true);
      urlError.set(Messages.get("login.error.INSECURE"));
      return Optional.empty();
    }
    return Optional.of(d);
  }

  /** The company certificate remembered for an address, unless one was typed for it already. */
  private void fillRememberedCaBundle(String text) {
    try {
      String remembered = rememberedCaBundles.get(Deployment.parse(text).url().toString());
      if (remembered != null) {
        caBundle.set(remembered);
      }
    } catch (IllegalArgumentException notAnAddressYet) {
      // Typing is under way; nothing to fill.
    }
  }

  private ClientOptions options() {
    String pem = caBundle.get().trim();
    return ClientOptions.defaults()
        .withCaBundle(pem.isEmpty() ? null : Path.of(pem))
        .withAllowClearText(clearTextAllowed.get());
  }

  // Off the FX thread: buildinfo, and whether the keyring has a token that still works.
  private Checked check(Deployment d, ClientOptions options) throws Exception {
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
      return new Checked(api, info, savedUser, caText(options));
    } catch (CoderException | RuntimeException e) {
      api.close();
      throw e;
    }
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

  // Off the FX thread: who signed in, whether they may read the audit log, then the cache.
  private Session finish(Checked c, SessionToken t, Services.Demo demo, String text)
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
    AuditCache cache = services.openCache(d);
    if (demo == null) {
      services.tokens().save(d, t);
      services.recent().remember(text);
      services.connectionSettings().rememberCaBundle(d, c.caBundle());
    }
    return new Session(d, cache, api, me.username(), c.info().version(), demo, records);
  }

  private void signedIn(Session s) {
    clearTextAllowed.set(false);
    // The client now belongs to the session.
    if (checked == s.api().orElse(null)) {
      checked = null;
      checkedUrl = "";
    }
    password.set("");
    token.set("");
    onSignedIn.accept(s);
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
      target.set(message(ce));
      if (target == urlError) {
        urlChecked.set(false);
        urlInfo.set("");
      }
      return;
    }
    LOG.warn("Sign-in step failed", e);
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    field.set(
        field == demoError
            ? Messages.get("login.demo.failed", detail)
            : Messages.get("login.error.unexpected", detail));
  }

  /** A plain sentence for a client failure: ours for each kind, so it reads the same everywhere. */
  public static String message(CoderException e) {
    String key = "login.error." + e.kind().name();
    return Messages.has(key) ? Messages.get(key) : e.userMessage();
  }

  private <T> void run(String text, Task<T> task, Consumer<T> ok, Consumer<Throwable> failed) {
    busy.set(true);
    busyText.set(text);
    task.setOnSucceeded(
        e -> {
          busy.set(false);
          busyText.set("");
          ok.accept(task.getValue());
        });
    task.setOnFailed(
        e -> {
          busy.set(false);
          busyText.set("");
          failed.accept(task.getException());
        });
    worker.execute(task);
  }

  /** Closes a checked client that never became a session. */
  public void dispose() {
    if (checked != null) {
      checked.close();
      checked = null;
    }
    worker.shutdownNow();
  }

  private record Checked(CoderApi api, BuildInfo info, String savedUser, String caBundle) {}

  private record Loaded(
      List<String> recent, List<Deployment> cached, Map<String, String> caBundles) {}

  /** A problem with the company certificate file itself: shown under the address. */
  private static final class CaBundleProblem extends Exception {
    CaBundleProblem(String message) {
      super(message);
    }
  }

  private static String caText(ClientOptions o) {
    return o.caBundle() == null ? "" : o.caBundle().toString();
  }

  public StringProperty urlProperty() {
    return url;
  }

  public ObservableList<String> recentUrls() {
    return recentUrls;
  }

  public StringProperty urlInfoProperty() {
    return urlInfo;
  }

  public StringProperty urlErrorProperty() {
    return urlError;
  }

  /** True once a plain http:// address to another computer was refused: offer the checkbox. */
  public BooleanProperty clearTextOfferedProperty() {
    return clearTextOffered;
  }

  /** "Connect anyway, insecurely": for this address and attempt only, never saved. */
  public BooleanProperty clearTextAllowedProperty() {
    return clearTextAllowed;
  }

  /** The company certificate (PEM) path, remembered per deployment. */
  public StringProperty caBundleProperty() {
    return caBundle;
  }

  public BooleanProperty urlCheckedProperty() {
    return urlChecked;
  }

  public StringProperty emailProperty() {
    return email;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public StringProperty passwordErrorProperty() {
    return passwordError;
  }

  public BooleanProperty tokenModeProperty() {
    return tokenMode;
  }

  public StringProperty tokenProperty() {
    return token;
  }

  public StringProperty tokenErrorProperty() {
    return tokenError;
  }

  public StringProperty savedSessionUserProperty() {
    return savedSessionUser;
  }

  public StringProperty demoErrorProperty() {
    return demoError;
  }

  public ObservableList<Deployment> offlineDeployments() {
    return offlineDeployments;
  }

  public ObjectProperty<Deployment> offlineChoiceProperty() {
    return offlineChoice;
  }

  public StringProperty offlineErrorProperty() {
    return offlineError;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public StringProperty busyTextProperty() {
    return busyText;
  }
}
