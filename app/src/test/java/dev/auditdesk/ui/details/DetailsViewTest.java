package dev.auditdesk.ui.details;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.app.Themes;
import dev.auditdesk.ui.testing.Fx;
import dev.auditdesk.ui.testing.SampleEvents;
import dev.auditdesk.ui.testing.SceneText;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class DetailsViewTest extends ApplicationTest {

  private final SimpleObjectProperty<AuditQuery> query = new SimpleObjectProperty<>(AuditQuery.ALL);
  private final List<String> opened = new ArrayList<>();
  private DetailsViewModel vm;
  private DetailsView view;

  @Override
  public void start(Stage stage) {
    new Themes(() -> false).apply();
    vm = new DetailsViewModel(query, opened::add, ZoneId.of("Europe/Berlin"));
    vm.deploymentProperty().set(new Deployment(URI.create("https://coder.example.com/"), ""));
    view = new DetailsView(vm);
    Scene scene = new Scene(view, 520, 860);
    Themes.style(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void closeWindow() throws Exception {
    FxToolkit.cleanupStages();
  }

  private void select(AuditEvent e) {
    interact(() -> vm.eventProperty().set(e));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void diffShowsSecretFieldAsHiddenAndNeverItsValue() {
    select(SampleEvents.templateChangeWithSecret());

    assertEquals(3, vm.diff().size());
    List<String> texts = SceneText.of(view);
    assertTrue(texts.contains("git_token"), "the secret field is listed by name");
    assertTrue(texts.contains("hidden"), "its values read 'hidden'");
    assertTrue(texts.contains("Docker dev"), "plain changes show their new value");
    for (String t : texts) {
      assertFalse(t.contains(SampleEvents.SECRET_OLD), "secret old value visible: " + t);
      assertFalse(t.contains(SampleEvents.SECRET_NEW), "secret new value visible: " + t);
    }
    assertFalse(lookup("#details-raw-json").query().isVisible(), "raw JSON starts folded");
    clickOn("#details-raw-toggle");
    String raw = lookup("#details-raw-json").queryAs(TextArea.class).getText();
    assertTrue(raw.contains("\"git_token\""), raw);
    assertFalse(raw.contains(SampleEvents.SECRET_OLD));
    assertFalse(raw.contains(SampleEvents.SECRET_NEW));
  }

  @Test
  void bidiOverridesAndControlCharactersShowAsMarkersNeverReorderingTheText() {
    String json =
        SampleEvents.templateChangeWithSecret()
            .rawJson()
            .replace("\"docker-dev\"", "\"invoice\\u202Etxt.exe\"")
            .replace("Firefox/131.0", "Firefox/131.0\\u0007\\u2066");
    select(SampleEvents.parse(json));
    List<String> texts = SceneText.of(view);
    assertTrue(
        texts.stream().anyMatch(t -> t.contains("invoice\u27e8U+202E\u27e9txt.exe")),
        texts.toString());
    assertTrue(
        texts.stream()
            .anyMatch(t -> t.endsWith("Firefox/131.0\u27e8U+0007\u27e9\u27e8U+2066\u27e9")),
        texts.toString());
    for (String t : texts) {
      assertFalse(t.contains("\u202E") || t.contains("\u2066") || t.contains("\u0007"), t);
    }
    String raw = vm.rawJsonProperty().get();
    assertTrue(raw.contains("invoice\\u202Etxt.exe"), "raw JSON: the same JSON, escaped: " + raw);
  }

  @Test
  void copyJsonPutsPrettyJsonWithoutSecretsOnTheClipboard() {
    select(SampleEvents.templateChangeWithSecret());
    clickOn("#details-copy-json");
    String copied = Fx.get(() -> Clipboard.getSystemClipboard().getString());
    assertTrue(copied.contains("\"resource_target\" : \"docker-dev\""), copied);
    assertFalse(copied.contains(SampleEvents.SECRET_OLD));
    assertFalse(copied.contains(SampleEvents.SECRET_NEW));
  }

  @Test
  void everyFieldOfTheEventIsShown() {
    select(SampleEvents.templateChangeWithSecret());
    List<String> texts = SceneText.of(view);
    for (String expected :
        List.of(
            "alice updated template docker-dev",
            "Alice Liddell (alice)",
            "alice@example.com",
            "10.0.4.17",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0",
            "9f1b2c3d-0000-4000-8000-00000000aaaa",
            "tpl-42",
            "Coder",
            "2025-11-20T14:03:07.123456Z",
            "Thu 20 Nov 2025, 15:03:07.123 CET",
            "workspace_owner",
            "tuning")) {
      assertTrue(texts.contains(expected), "missing " + expected + " in " + texts);
    }
  }

  @Test
  void openInCoderResolvesTheRelativeLinkAgainstTheDeployment() {
    select(SampleEvents.templateChangeWithSecret());
    clickOn("#details-open-in-coder");
    assertEquals(List.of("https://coder.example.com/templates/docker-dev"), opened);

    select(SampleEvents.failedLogin());
    assertFalse(lookup("#details-open-in-coder").queryAs(Button.class).isVisible());
  }

  @Test
  void showRelatedSetsTheQueryToTheSameRequestResourceOrUserAroundThatTime() {
    AuditEvent e = SampleEvents.templateChangeWithSecret();
    select(e);

    clickOn("#details-related").clickOn("Same request");
    assertEquals(AuditQuery.ALL.withRequestId("9f1b2c3d-0000-4000-8000-00000000aaaa"), query.get());

    clickOn("#details-related").clickOn("Same resource");
    assertEquals(AuditQuery.ALL.withResourceId("tpl-42"), query.get());

    clickOn("#details-related").clickOn("Same user, one hour either side");
    AuditQuery q = query.get();
    assertEquals(Set.of("alice"), q.values(Facet.USER));
    DateRange r = q.range();
    assertEquals(Instant.parse("2025-11-20T13:03:07.123456Z"), r.from());
    assertTrue(r.contains(Instant.parse("2025-11-20T15:03:07.123456Z")));
    assertFalse(r.contains(Instant.parse("2025-11-20T15:03:08Z")));
  }

  @Test
  void failedStatusStandsOutAndEmptySelectionShowsAHint() {
    select(SampleEvents.failedLogin());
    assertTrue(lookup("#details-status").query().getStyleClass().contains("failed"));
    select(null);
    assertTrue(SceneText.of(view).contains("Select an event to see its details."));
  }
}
