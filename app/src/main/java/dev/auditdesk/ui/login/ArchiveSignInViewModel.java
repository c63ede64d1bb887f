package dev.auditdesk.ui.login;

import dev.auditdesk.OsKeyring;
import dev.auditdesk.archive.ArchiveCredentials;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.session.Session;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Open team archive" on the sign-in screen: a {@code postgresql://} address, a user and a password
 * (or the one the OS keyring keeps for them), opened off the FX thread into the same main window as
 * a cache opened offline. The password is kept in the keyring only when the user asks.
 */
public final class ArchiveSignInViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(ArchiveSignInViewModel.class);

  private final StringProperty address = new SimpleStringProperty(this, "address", "");
  private final StringProperty user = new SimpleStringProperty(this, "user", "");
  private final StringProperty password = new SimpleStringProperty(this, "password", "");
  private final BooleanProperty remember = new SimpleBooleanProperty(this, "remember", false);
  private final StringProperty error = new SimpleStringProperty(this, "error", "");
  private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
  private final Consumer<Session> onOpened;
  private final Executor background;
  private final Executor fx;
  private final UnaryOperator<String> env;
  private final OsKeyring keyring;

  /**
   * @param background runs the connection (its owner shuts it down)
   * @param fx runs results on the thread that owns the properties
   */
  public ArchiveSignInViewModel(
      Consumer<Session> onOpened,
      Executor background,
      Executor fx,
      UnaryOperator<String> env,
      OsKeyring keyring) {
    this.onOpened = onOpened;
    this.background = background;
    this.fx = fx;
    this.env = env;
    this.keyring = keyring;
    address.addListener((o, a, b) -> error.set(""));
    user.addListener((o, a, b) -> error.set(""));
    password.addListener((o, a, b) -> error.set(""));
  }

  /** Connects and opens the archive; a failure lands in {@link #errorProperty} as one sentence. */
  public void open() {
    ArchiveUrl typed;
    try {
      typed = ArchiveUrl.parse(address.get());
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return;
    }
    if (!user.get().isBlank()) {
      typed = typed.withUser(user.get().trim());
    }
    if (!password.get().isEmpty()) {
      typed = typed.withPassword(password.get());
    }
    ArchiveUrl given = typed;
    boolean keep = remember.get() && !password.get().isEmpty();
    busy.set(true);
    error.set("");
    background.execute(
        () -> {
          ArchiveUrl url = ArchiveCredentials.complete(given, env, keyring); // the keyring blocks
          try {
            PostgresArchive archive = PostgresArchive.open(url);
            if (keep) {
              keepPassword(url);
            }
            Session s = Session.offline(archive.deployment(), archive);
            fx.execute(
                () -> {
                  busy.set(false);
                  password.set("");
                  onOpened.accept(s);
                });
          } catch (Exception e) {
            LOG.info("Opening the archive {} failed: {}", url.display(), e.getMessage());
            fx.execute(
                () -> {
                  busy.set(false);
                  error.set(Messages.get("login.archive.failed", e.getMessage()));
                });
          }
        });
  }

  private void keepPassword(ArchiveUrl url) {
    try {
      ArchiveCredentials.remember(url, keyring);
    } catch (Exception e) {
      // The archive opened; only remembering failed, which the next sign-in will show by asking.
      LOG.warn("The archive's password could not be kept in the OS keyring: {}", e.getMessage());
    }
  }

  public StringProperty addressProperty() {
    return address;
  }

  public StringProperty userProperty() {
    return user;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public BooleanProperty rememberProperty() {
    return remember;
  }

  public StringProperty errorProperty() {
    return error;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }
}
