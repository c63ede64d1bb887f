package dev.auditdesk.ui.login;

import dev.auditdesk.model.Deployment;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the sign-in screen shows and the user types: one property per field, message and list.
 * {@link LoginViewModel} adds the commands; the trust decisions live in {@link TransportTrust}.
 */
public abstract class LoginForm {

  final TransportTrust trust = new TransportTrust();
  final StringProperty url = new SimpleStringProperty("");
  final ObservableList<String> recentUrls = FXCollections.observableArrayList();
  final StringProperty urlInfo = new SimpleStringProperty("");
  final StringProperty urlError = new SimpleStringProperty("");
  final BooleanProperty urlChecked = new SimpleBooleanProperty(false);
  final StringProperty email = new SimpleStringProperty("");
  final StringProperty password = new SimpleStringProperty("");
  final StringProperty passwordError = new SimpleStringProperty("");
  final BooleanProperty tokenMode = new SimpleBooleanProperty(false);
  final StringProperty token = new SimpleStringProperty("");
  final StringProperty tokenError = new SimpleStringProperty("");
  final StringProperty savedSessionUser = new SimpleStringProperty("");
  final StringProperty demoError = new SimpleStringProperty("");
  final ObservableList<Deployment> offlineDeployments = FXCollections.observableArrayList();
  final ObjectProperty<Deployment> offlineChoice = new SimpleObjectProperty<>();
  final StringProperty offlineError = new SimpleStringProperty("");
  final BooleanProperty busy = new SimpleBooleanProperty(false);
  final StringProperty busyText = new SimpleStringProperty("");
  final BooleanProperty encryptCache = new SimpleBooleanProperty(false);

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
    return trust.clearTextOffered();
  }

  /** "Connect anyway, insecurely": for this address and attempt only, never saved. */
  public BooleanProperty clearTextAllowedProperty() {
    return trust.clearTextAllowed();
  }

  /** The company certificate (PEM) path, remembered per deployment. */
  /** "Encrypt this computer's copy": applied to the cache when signing in. */
  public BooleanProperty encryptCacheProperty() {
    return encryptCache;
  }

  public StringProperty caBundleProperty() {
    return trust.caBundle();
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
