package dev.auditdesk.ui.login;

import dev.auditdesk.coder.ClientOptions;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The user's trust decisions for the address being signed in to: consent to clear text (for one
 * address and one attempt, never saved) and the company certificate (remembered per deployment).
 */
final class TransportTrust {

  private final BooleanProperty clearTextOffered = new SimpleBooleanProperty(false);
  private final BooleanProperty clearTextAllowed = new SimpleBooleanProperty(false);
  private final StringProperty caBundle = new SimpleStringProperty("");
  private Map<String, String> rememberedCaBundles = Map.of();

  BooleanProperty clearTextOffered() {
    return clearTextOffered;
  }

  BooleanProperty clearTextAllowed() {
    return clearTextAllowed;
  }

  StringProperty caBundle() {
    return caBundle;
  }

  /** The address typed changed: consent to clear text is not carried over to it. */
  void addressChanged(String text) {
    clearTextAllowed.set(false);
    clearTextOffered.set(false);
    fillRememberedCaBundle(text);
  }

  void remember(Map<String, String> caBundles, String text) {
    rememberedCaBundles = caBundles;
    fillRememberedCaBundle(text);
  }

  /** The deployment typed, or empty with the reason in {@code error} (bad, or clear text). */
  Optional<Deployment> parse(String text, StringProperty error) {
    Deployment d;
    try {
      d = Deployment.parse(text);
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return Optional.empty();
    }
    if (d.isClearText() && !clearTextAllowed.get()) {
      clearTextOffered.set(true);
      error.set(Messages.get("login.error.INSECURE"));
      return Optional.empty();
    }
    return Optional.of(d);
  }

  ClientOptions options() {
    String pem = caBundle.get().trim();
    return ClientOptions.defaults()
        .withCaBundle(pem.isEmpty() ? null : Path.of(pem))
        .withAllowClearText(clearTextAllowed.get());
  }

  static String caText(ClientOptions o) {
    return o.caBundle() == null ? "" : o.caBundle().toString();
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
}
