package dev.auditdesk.ui.login;

import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import java.io.File;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The sign-in screen: deployment URL (checked with buildinfo first), then email + password or a
 * pasted session token, the demo deployment, and offline access to cached deployments. Enter
 * submits the section it is typed in; each error shows under its own field.
 */
public final class LoginView extends StackPane {

  private final LoginViewModel vm;
  private final VBox card;

  /**
   * @param openInBrowser opens a web page (HostServices), for the cli-auth token page
   */
  public LoginView(LoginViewModel vm, Consumer<String> openInBrowser) {
    this.vm = vm;
    setId("login-view");
    getStyleClass().add("login-view");

    Label title = new Label(Messages.get("app.title"));
    title.getStyleClass().add("login-title");
    title.setId("app-title");
    Label tagline = new Label(Messages.get("app.tagline"));
    tagline.getStyleClass().add("login-tagline");

    // Deployment URL
    ComboBox<String> url = new ComboBox<>(vm.recentUrls());
    url.setId("url-field");
    url.setEditable(true);
    url.setPromptText(Messages.get("login.url.prompt"));
    url.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(url, Priority.ALWAYS);
    url.getEditor().textProperty().bindBidirectional(vm.urlProperty());
    url.valueProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && !b.equals(vm.urlProperty().get())) {
                vm.urlProperty().set(b);
              }
            });
    // The combo box's skin takes Enter from its editor, so listen before it does.
    url.addEventFilter(
        KeyEvent.KEY_PRESSED,
        k -> {
          if (k.getCode() == KeyCode.ENTER) {
            vm.checkUrl();
          }
        });
    Button check = new Button(Messages.get("login.url.check"));
    check.setId("check-url");
    check.setOnAction(e -> vm.checkUrl());
    HBox urlRow = new HBox(8, url, check);
    Label urlInfo = info("url-info", vm.urlInfoProperty());
    Label urlError = error("url-error", vm.urlErrorProperty());
    // Ticked for one attempt only: the view model clears it when the address changes.
    CheckBox clearText = new CheckBox(Messages.get("login.insecure.allow"));
    clearText.setId("insecure-http");
    clearText.setWrapText(true);
    clearText.selectedProperty().bindBidirectional(vm.clearTextAllowedProperty());
    show(clearText, vm.clearTextOfferedProperty());

    // Company certificate (PEM), for deployments behind a private certificate authority
    TextField ca = new TextField();
    ca.setId("ca-bundle-field");
    ca.setPromptText(Messages.get("login.ca.prompt"));
    ca.textProperty().bindBidirectional(vm.caBundleProperty());
    HBox.setHgrow(ca, Priority.ALWAYS);
    Button chooseCa = new Button(Messages.get("login.ca.browse"));
    chooseCa.setId("ca-bundle-browse");
    chooseCa.setOnAction(
        e -> {
          FileChooser fc = new FileChooser();
          fc.setTitle(Messages.get("login.ca.label"));
          fc.getExtensionFilters()
              .addAll(
                  new FileChooser.ExtensionFilter(
                      Messages.get("login.ca.filter"), "*.pem", "*.crt", "*.cer"),
                  new FileChooser.ExtensionFilter(Messages.get("login.ca.filterAll"), "*"));
          File f = fc.showOpenDialog(getScene().getWindow());
          if (f != null) {
            vm.caBundleProperty().set(f.getAbsolutePath());
          }
        });
    HBox caRow = new HBox(8, ca, chooseCa);

    // Optional encryption of the local cache, with what a lost key costs.
    CheckBox encrypt = new CheckBox(Messages.get("login.encrypt"));
    encrypt.setId("encrypt-cache");
    encrypt.setWrapText(true);
    encrypt.selectedProperty().bindBidirectional(vm.encryptCacheProperty());
    Label encryptWarning = new Label(Messages.get("login.encrypt.warning"));
    encryptWarning.setId("encrypt-cache-warning");
    encryptWarning.setWrapText(true);
    encryptWarning.getStyleClass().add("field-info");
    show(encryptWarning, vm.encryptCacheProperty());

    // Email + password
    TextField email = new TextField();
    email.setId("email-field");
    email.setPromptText(Messages.get("login.email.prompt"));
    email.textProperty().bindBidirectional(vm.emailProperty());
    PasswordField password = new PasswordField();
    password.setId("password-field");
    password.textProperty().bindBidirectional(vm.passwordProperty());
    Button signIn = new Button(Messages.get("login.signIn"));
    signIn.setId("sign-in");
    signIn.getStyleClass().add("accent");
    signIn.setMaxWidth(Double.MAX_VALUE);
    signIn.setOnAction(e -> vm.signIn());
    email.setOnAction(
        e -> {
          password.requestFocus();
          e.consume();
        });
    password.setOnAction(
        e -> {
          vm.signIn();
          e.consume();
        });
    Label passwordError = error("password-error", vm.passwordErrorProperty());
    Hyperlink toToken = new Hyperlink(Messages.get("login.token.toggle"));
    toToken.setId("use-token");
    toToken.setOnAction(e -> vm.tokenModeProperty().set(true));
    VBox passwordBox =
        new VBox(
            6,
            label("login.email.label"),
            email,
            label("login.password.label"),
            password,
            passwordError,
            signIn,
            toToken);

    // Session token (SSO)
    PasswordField token = new PasswordField();
    token.setId("token-field");
    token.setPromptText(Messages.get("login.token.prompt"));
    token.textProperty().bindBidirectional(vm.tokenProperty());
    token.setOnAction(
        e -> {
          vm.signInWithToken();
          e.consume();
        });
    Button getToken = new Button(Messages.get("login.token.open"));
    getToken.setId("open-cli-auth");
    getToken.setOnAction(e -> vm.cliAuthUrl().ifPresent(openInBrowser));
    Button tokenSignIn = new Button(Messages.get("login.token.signIn"));
    tokenSignIn.setId("token-sign-in");
    tokenSignIn.getStyleClass().add("accent");
    tokenSignIn.setMaxWidth(Double.MAX_VALUE);
    tokenSignIn.setOnAction(e -> vm.signInWithToken());
    Label tokenError = error("token-error", vm.tokenErrorProperty());
    Hyperlink toPassword = new Hyperlink(Messages.get("login.password.toggle"));
    toPassword.setId("use-password");
    toPassword.setOnAction(e -> vm.tokenModeProperty().set(false));
    VBox tokenBox =
        new VBox(
            6, getToken, label("login.token.label"), token, tokenError, tokenSignIn, toPassword);

    show(passwordBox, vm.tokenModeProperty().not());
    show(tokenBox, vm.tokenModeProperty());
    vm.urlCheckedProperty()
        .addListener(
            (o, a, b) -> {
              if (b) {
                (vm.tokenModeProperty().get() ? token : email).requestFocus();
              }
            });

    Button saved = new Button();
    saved.setId("continue-saved");
    saved.setMaxWidth(Double.MAX_VALUE);
    saved
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> Messages.get("login.token.saved", vm.savedSessionUserProperty().get()),
                vm.savedSessionUserProperty()));
    saved.setOnAction(e -> vm.continueSavedSession());
    show(saved, vm.savedSessionUserProperty().isNotEmpty());

    VBox credentials = new VBox(6, saved, passwordBox, tokenBox);
    credentials.setId("credentials");
    credentials.disableProperty().bind(vm.urlCheckedProperty().not());

    // Demo and offline
    Button demo = new Button(Messages.get("login.demo"));
    demo.setId("try-demo");
    demo.setMaxWidth(Double.MAX_VALUE);
    demo.setOnAction(e -> vm.tryDemo());
    Label demoError = error("demo-error", vm.demoErrorProperty());

    ComboBox<Deployment> offline = new ComboBox<>(vm.offlineDeployments());
    offline.setId("offline-choice");
    offline.setPromptText(Messages.get("login.offline.prompt"));
    offline.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(offline, Priority.ALWAYS);
    offline.valueProperty().bindBidirectional(vm.offlineChoiceProperty());
    offline.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Deployment d) {
            return d == null ? "" : d.url().toString();
          }

          @Override
          public Deployment fromString(String s) {
            return null;
          }
        });
    offline.setButtonCell(new DeploymentCell());
    offline.setCellFactory(l -> new DeploymentCell());
    Button openOffline = new Button(Messages.get("login.offline.open"));
    openOffline.setId("open-offline");
    openOffline.setOnAction(e -> vm.openOffline());
    HBox offlineRow = new HBox(8, offline, openOffline);
    Label offlineNone = new Label(Messages.get("login.offline.none"));
    offlineNone.getStyleClass().add("field-hint");
    show(offlineNone, Bindings.isEmpty(vm.offlineDeployments()));
    show(offlineRow, Bindings.isNotEmpty(vm.offlineDeployments()));
    Label offlineError = error("offline-error", vm.offlineErrorProperty());

    ProgressIndicator busy = new ProgressIndicator();
    busy.setId("login-busy");
    busy.setPrefSize(18, 18);
    Label busyText = new Label();
    busyText.setId("login-busy-text");
    busyText.textProperty().bind(vm.busyTextProperty());
    HBox busyRow = new HBox(8, busy, busyText);
    busyRow.setAlignment(Pos.CENTER_LEFT);
    busyRow.getStyleClass().add("busy-row");
    busyRow.visibleProperty().bind(vm.busyProperty());

    Label or = new Label(Messages.get("login.or"));
    or.getStyleClass().add("login-or");
    HBox orRow = new HBox(8, grow(new Separator()), or, grow(new Separator()));
    orRow.setAlignment(Pos.CENTER);

    card =
        new VBox(
            10,
            title,
            tagline,
            section(
                label("login.url.label"),
                urlRow,
                urlInfo,
                urlError,
                clearText,
                label("login.ca.label"),
                caRow,
                encrypt,
                encryptWarning),
            credentials,
            orRow,
            section(demo, demoError),
            section(label("login.offline.label"), offlineNone, offlineRow, offlineError),
            busyRow);
    card.getStyleClass().add("login-card");
    card.setMaxWidth(460);
    card.setMaxHeight(Region.USE_PREF_SIZE);
    card.setFillWidth(true);
    // While something runs, the form stays visible but does not take a second click.
    for (Node n : new Node[] {urlRow, clearText, caRow, encrypt, demo, offlineRow}) {
      n.disableProperty().bind(vm.busyProperty());
    }
    signIn.disableProperty().bind(vm.busyProperty());
    tokenSignIn.disableProperty().bind(vm.busyProperty());
    saved.disableProperty().bind(vm.busyProperty());
    getChildren().add(card);
    setAlignment(Pos.CENTER);
  }

  /** Adds "Open team archive" below "Open offline", as a third way in. */
  public void addArchive(ArchiveSignInView archive) {
    card.getChildren().add(card.getChildren().size() - 1, archive);
  }

  public LoginViewModel viewModel() {
    return vm;
  }

  private static Label label(String key) {
    Label l = new Label(Messages.get(key));
    l.getStyleClass().add("field-label");
    return l;
  }

  private static VBox section(Node... nodes) {
    VBox v = new VBox(6, nodes);
    v.setFillWidth(true);
    return v;
  }

  private static Label error(String id, StringProperty text) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("field-error");
    l.setWrapText(true);
    l.textProperty().bind(text);
    show(l, text.isNotEmpty());
    return l;
  }

  private static Label info(String id, StringProperty text) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("field-info");
    l.textProperty().bind(text);
    show(l, text.isNotEmpty());
    return l;
  }

  private static void show(Node n, javafx.beans.value.ObservableValue<Boolean> when) {
    n.visibleProperty().bind(when);
    n.managedProperty().bind(n.visibleProperty());
  }

  private static Region grow(Region r) {
    HBox.setHgrow(r, Priority.ALWAYS);
    r.setMaxWidth(Double.MAX_VALUE);
    return r;
  }

  private static final class DeploymentCell extends ListCell<Deployment> {
    @Override
    protected void updateItem(Deployment d, boolean empty) {
      super.updateItem(d, empty);
      setText(empty || d == null ? null : d.url().toString());
    }
  }
}
