package dev.auditdesk.ui.app;

import dev.auditdesk.AppDirs;
import dev.auditdesk.OsKeyring;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.login.ArchiveSignInView;
import dev.auditdesk.ui.login.ArchiveSignInViewModel;
import dev.auditdesk.ui.login.LoginView;
import dev.auditdesk.ui.login.LoginViewModel;
import dev.auditdesk.ui.session.Services;
import dev.auditdesk.ui.session.Session;
import dev.auditdesk.ui.settings.ScreenFit;
import dev.auditdesk.ui.settings.UiSettingsStore;
import dev.auditdesk.ui.table.LayoutPersistence;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Dimension2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AuditDesk window: the sign-in screen, then the main window of the session it opened.
 *
 * <p>System properties: {@code auditdesk.demo=true} starts the built-in demo deployment and signs
 * in at once; {@code auditdesk.query="action:delete username:alice"} opens the table with that
 * query applied (Coder's search syntax, see docs/USER-GUIDE.md).
 */
public class AuditDeskApp extends Application {

  private static final Logger LOG = LoggerFactory.getLogger(AuditDeskApp.class);
  public static final String STYLESHEET =
      Objects.requireNonNull(AuditDeskApp.class.getResource("/dev/auditdesk/ui/app.css"))
          .toExternalForm();

  private Stage stage;
  private Scene scene;
  private Services services;
  private LoginView loginView;
  private Session session;
  private java.util.concurrent.ExecutorService archiveWorker;
  private MainWindow window;
  private boolean osPrefersDark;
  private Themes themes;
  private LayoutPersistence layout;

  @Override
  public void init() {
    // Asking the OS may run a command (gsettings): not on the FX thread.
    osPrefersDark = OsTheme.system().prefersDark();
  }

  @Override
  public void start(Stage stage) {
    this.stage = stage;
    layout = new LayoutPersistence(new UiSettingsStore(AppDirs.config()));
    themes = new Themes(() -> osPrefersDark);
    themes.choiceProperty().set(layout.settings().theme());
    themes.apply();
    services = new Services(AppDirs.config(), AppDirs.caches());
    Dimension2D size = ScreenFit.initialSceneSize(Screen.getPrimary().getVisualBounds());
    scene = new Scene(new StackPane(), size.getWidth(), size.getHeight());
    Themes.style(scene);
    scene.getStylesheets().add(STYLESHEET);
    stage.setTitle(Messages.get("app.title"));
    stage.getIcons().setAll(AboutDialog.appIcons());
    stage.setScene(scene);
    stage.setMinWidth(900);
    stage.setMinHeight(560);
    // A stage shown before (tests reuse one) keeps its size otherwise; saved bounds come next.
    stage.sizeToScene();
    layout.attachWindow(stage);
    showLogin();
    stage.show();
    if (Boolean.getBoolean("auditdesk.demo")) {
      loginView.viewModel().tryDemo();
    }
  }

  @Override
  public void stop() {
    closeSession(false);
  }

  /** The sign-in screen, or empty while the main window shows. */
  public Optional<LoginView> loginView() {
    return Optional.ofNullable(loginView);
  }

  /** The main window, once signed in or opened offline. */
  public Optional<MainView> mainView() {
    return Optional.ofNullable(window).map(MainWindow::view);
  }

  public Services services() {
    return services;
  }

  private void showLogin() {
    LoginViewModel vm = new LoginViewModel(services, this::openSession);
    loginView = new LoginView(vm, this::openInBrowser);
    archiveWorker = Workers.single("archive-login");
    loginView.addArchive(
        new ArchiveSignInView(
            new ArchiveSignInViewModel(
                this::openSession,
                archiveWorker,
                Platform::runLater,
                System::getenv,
                OsKeyring.shared())));
    scene.setRoot(loginView);
    stage.setTitle(Messages.get("app.title"));
    vm.load();
  }

  private void openSession(Session s) {
    if (loginView != null) {
      loginView.viewModel().dispose();
      loginView = null;
      archiveWorker.shutdown();
    }
    session = s;
    window =
        new MainWindow(
            s,
            services,
            themes,
            layout,
            new MainWindow.Actions(
                this::openInBrowser, this::switchTo, this::signOut, this::showGuide),
            System.getProperty("auditdesk.query", ""));
    scene.setRoot(window.view());
    stage.setTitle(Messages.get("app.titleWithDeployment", s.deployment().label()));
    window.start();
  }

  private void signOut() {
    closeSession(true);
    showLogin();
  }

  /** Opens another cached deployment, offline, in place of the current one. */
  private void switchTo(Deployment d) {
    Thread opener =
        new Thread(
            () -> {
              try {
                AuditCache cache = services.openCache(d);
                Platform.runLater(
                    () -> {
                      closeSession(false);
                      openSession(Session.offline(d, cache));
                    });
              } catch (CacheException e) {
                Platform.runLater(
                    () -> {
                      Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
                      a.setHeaderText(Messages.get("deployments.openFailed", d.label()));
                      a.initOwner(stage);
                      a.show();
                    });
              }
            },
            "auditdesk-switch-deployment");
    opener.setDaemon(true);
    opener.start();
  }

  /** The main window of the open session and its view models. */
  public Optional<MainWindow> window() {
    return Optional.ofNullable(window);
  }

  private void closeSession(boolean signOut) {
    if (window != null) {
      window.close();
      window = null;
    }
    Session s = session;
    session = null;
    if (s == null) {
      return;
    }
    // Signing out talks to the server: never on the FX thread.
    Thread closer =
        new Thread(
            () -> {
              if (signOut) {
                services.tokens().forget(s.deployment());
                s.api()
                    .ifPresent(
                        api -> {
                          try {
                            api.logout();
                          } catch (Exception e) {
                            LOG.info("Server-side sign-out failed: {}", e.getMessage());
                          }
                        });
              }
              s.close();
            },
            "auditdesk-close-session");
    closer.setDaemon(!signOut);
    closer.start();
    if (!signOut) {
      try {
        closer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void openInBrowser(String url) {
    try {
      getHostServices().showDocument(url);
    } catch (RuntimeException e) {
      LOG.warn("Could not open a browser for {}: {}", url, e.toString());
    }
  }

  private void showGuide() {
    Alert a = new Alert(Alert.AlertType.INFORMATION, Messages.get("help.text"));
    a.setHeaderText(Messages.get("menu.help.userGuide"));
    a.initOwner(stage);
    a.getDialogPane().setPrefWidth(620);
    a.show();
  }
}
