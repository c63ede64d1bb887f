package dev.auditdesk.ui.login;

import dev.auditdesk.ui.common.Messages;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "Open team archive" section of the sign-in screen, folded until opened: address, user,
 * password, remember, Open; Enter in any field opens.
 */
public final class ArchiveSignInView extends TitledPane {

  public ArchiveSignInView(ArchiveSignInViewModel vm) {
    setId("archive-section");
    setText(Messages.get("login.archive.label"));
    setExpanded(false);
    setAnimated(false);

    TextField address = new TextField();
    address.setId("archive-address");
    address.setPromptText(Messages.get("login.archive.address.prompt"));
    address.textProperty().bindBidirectional(vm.addressProperty());
    TextField user = new TextField();
    user.setId("archive-user");
    user.setPromptText(Messages.get("login.archive.user.prompt"));
    user.textProperty().bindBidirectional(vm.userProperty());
    PasswordField password = new PasswordField();
    password.setId("archive-password");
    password.setPromptText(Messages.get("login.archive.password.prompt"));
    password.textProperty().bindBidirectional(vm.passwordProperty());
    HBox credentials = new HBox(8, user, password);
    HBox.setHgrow(user, Priority.ALWAYS);
    HBox.setHgrow(password, Priority.ALWAYS);
    CheckBox remember = new CheckBox(Messages.get("login.archive.remember"));
    remember.setId("archive-remember");
    remember.selectedProperty().bindBidirectional(vm.rememberProperty());
    Button open = new Button(Messages.get("login.archive.open"));
    open.setId("open-archive");
    open.setDefaultButton(false);
    open.setOnAction(e -> vm.open());
    for (TextField f : new TextField[] {address, user, password}) {
      f.setOnAction(e -> vm.open());
    }
    Label hint = new Label(Messages.get("login.archive.hint"));
    hint.getStyleClass().add("field-hint");
    hint.setWrapText(true);
    Label error = new Label();
    error.setId("archive-error");
    error.getStyleClass().add("field-error");
    error.setWrapText(true);
    error.textProperty().bind(vm.errorProperty());
    error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    // One control per row below the credentials: the card is narrow, and nothing may be cut off.
    open.setMaxWidth(Double.MAX_VALUE);
    VBox body = new VBox(6, address, credentials, remember, open, hint, error);
    body.setFillWidth(true);
    for (javafx.scene.Node n : new javafx.scene.Node[] {address, credentials, remember, open}) {
      n.disableProperty().bind(vm.busyProperty());
    }
    setContent(body);
  }
}
