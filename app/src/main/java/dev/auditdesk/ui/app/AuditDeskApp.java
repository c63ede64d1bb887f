package dev.auditdesk.ui.app;

import dev.auditdesk.AppDirs;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.common.Workers;
import dev.auditdesk.ui.files.ImportViewModel;
import dev.auditdesk.ui.login.LoginView;
import dev.auditdesk.ui.login.LoginViewModel;
import dev.auditdesk.ui.settings.ScreenFit;
import dev.auditdesk.ui.settings.UiSettingsStore;
import dev.auditdesk.ui.sync.SyncViewModel;
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
  private MainViewModel mainViewModel;
  private SyncViewModel syncViewModel;
  private MainView mainView;
  private boolean osPrefersDark;
  private Themes themes;
  private LayoutPersistence layout;
  private MainWindowFeatures features;

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
    return Optional.ofNullable(mainView);
  }

  public Services services() {
    return services;
  }

  private void showLogin() {
    LoginViewModel vm = new LoginViewModel(services, this::openSession);
    loginView = new LoginView(vm, this::openInBrowser);
    scene.setRoot(loginView);
    stage.setTitle(Messages.get("app.title"));
    vm.load();
  }

  private void openSession(Session s) {
    if (loginView != null) {
      loginView.viewModel().dispose();
      loginView = null;
    }
    session = s;
    mainViewModel = new MainViewModel(s);
    String initial = System.getProperty("auditdesk.query", "");
    if (!initial.isBlank()) {
      mainViewModel.applyQueryText(initial);
    }
    syncViewModel = new SyncViewModel(s, services, mainViewModel::refresh);
    mainView = new MainView(mainViewModel, syncViewModel, this::signOut, this::showGuide);
    features =
        new MainWindowFeatures(
            mainView,
            s,
            services,
            themes,
            layout,
            this::openInBrowser,
            this::switchTo,
            this::signOut);
    FileMenuExtensions.install(
        mainView,
        services.configDir().resolve("views"),
        d ->
            d.equals(s.deployment())
                ? new ImportViewModel.Lease(s.cache(), false)
                : new ImportViewModel.Lease(services.openCache(d), true),
        Workers.single("file-menu"));
    scene.setRoot(mainView);
    stage.setTitle(Messages.get("app.titleWithDeployment", s.deployment().label()));
    mainViewModel.start();
    syncViewModel.start();
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

  /** The details pane, timeline, status bar and the rest around the table, for tests. */
  public Optional<MainWindowFeatures> features() {
    return Optional.ofNullable(features);
  }

  private void closeSession(boolean signOut) {
    if (features != null) {
      features.close();
      features = null;
    }
    if (syncViewModel != null) {
      syncViewModel.dispose();
      syncViewModel = null;
    }
    if (mainViewModel != null) {
      mainViewModel.dispose();
      mainViewModel = null;
    }
    mainView = null;
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
