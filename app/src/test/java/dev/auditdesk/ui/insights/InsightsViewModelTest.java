package dev.auditdesk.ui.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.InsightSettings;
import dev.auditdesk.insights.Rule;
import dev.auditdesk.insights.Severity;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel's state over a real H2 cache, background work and FX hand-offs run in the caller. */
class InsightsViewModelTest {

  @TempDir Path dir;
  private H2AuditCache cache;
  private InsightsViewModel vm;
  private final List<Finding> shown = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    cache =
        CacheStore.open(
            dir.resolve("cache"),
            new Deployment(URI.create("https://coder.example.com"), ""),
            CacheStore.OpenMode.READ_WRITE);
    List<AuditEvent> events = new ArrayList<>();
    Instant t = Instant.parse("2026-11-16T12:00:00Z");
    for (int i = 0; i < 25; i++) {
      events.add(
          new AuditEvent(
              UUID.randomUUID().toString(),
              "",
              t.plusSeconds(60L * i),
              "",
              null,
              "10.0.0.9",
              "",
              "workspace",
              "",
              "ws-" + i,
              "",
              "",
              "delete",
              List.of(),
              200,
              "{}",
              "",
              true,
              new Actor("u1", "trent", "trent@example.com", "Trent"),
              "",
              ""));
    }
    events.add(
        new AuditEvent(
            UUID.randomUUID().toString(),
            "",
            t,
            "",
            null,
            "10.0.0.9",
            "",
            "workspace",
            "",
            "kept",
            "",
            "",
            "start",
            List.of(),
            200,
            "{}",
            "",
            false,
            new Actor("u2", "carol", "carol@example.com", "Carol"),
            "",
            ""));
    cache.upsert(events);
    vm =
        new InsightsViewModel(
            () -> cache, InsightSettings.defaults(ZoneOffset.UTC), Runnable::run, Runnable::run);
    vm.setOnShow(shown::add);
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void runListsTheFindingsAndSaysHowManyOfEachLevel() {
    vm.run();
    assertFalse(vm.runningProperty().get());
    List<Finding> f = vm.findingsProperty();
    assertEquals(1, f.size());
    assertEquals(Rule.MASS_DELETION, f.get(0).rule());
    assertEquals(25, f.get(0).ids().size());
    assertEquals("1 findings: 1 high, 0 medium, 0 low", vm.summaryProperty().get());
    assertEquals("trent deleted 25 resources within 24 min (workspace)", FindingText.of(f.get(0)));
  }

  @Test
  void choosingAFindingHandsItOnAndRemembersIt() {
    vm.run();
    Finding f = vm.findingsProperty().get(0);
    vm.show(f);
    assertEquals(List.of(f), shown);
    assertEquals(f, vm.shownProperty().get());
    vm.show(null);
    assertEquals(1, shown.size(), "nothing chosen, nothing shown");
  }

  @Test
  void exportWritesTheFindingsWithAManifestThatMatchesTheFile() throws Exception {
    vm.run();
    Path csv = dir.resolve("findings.csv");
    vm.export(csv);
    assertTrue(
        vm.exportedProperty().get().startsWith("Exported 1 findings"), vm.exportedProperty().get());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("time,severity,rule,explanation"));
    assertTrue(lines.get(1).contains("mass-deletion"));
    ExportManifest m = ExportManifest.read(ExportManifest.pathFor(csv));
    assertEquals(1, m.rows());
    assertEquals(
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv))),
        m.sha256());
    Path html = dir.resolve("findings.html");
    vm.export(html);
    assertTrue(Files.readString(html).contains("trent deleted 25 resources"));
    assertEquals("html", ExportManifest.read(ExportManifest.pathFor(html)).format().extension());
  }

  @Test
  void theRuleAndLevelFiltersShowOnlyTheirFindingsAndCountEachValue() throws Exception {
    // Two administrators changing users at night: two after-hours findings beside the deletion.
    cache.upsert(
        List.of(
            userChange("mallory", Instant.parse("2026-11-15T02:00:00Z")),
            userChange("oscar", Instant.parse("2026-11-17T23:30:00Z"))));
    vm.run();
    assertEquals(3, vm.visibleFindings().size());
    assertEquals(Map.of(Rule.MASS_DELETION, 1, Rule.OFF_HOURS_ADMIN, 2), vm.ruleCounts());
    assertEquals(Map.of(Severity.HIGH, 1, Severity.LOW, 2), vm.severityCounts());

    vm.chooseRule(Rule.OFF_HOURS_ADMIN, true);
    assertEquals(
        List.of("oscar", "mallory"), vm.visibleFindings().stream().map(Finding::actor).toList());
    assertEquals("Showing 2 of 3 findings: 1 high, 0 medium, 2 low", vm.summaryProperty().get());
    assertEquals(Map.of(Severity.LOW, 2), vm.severityCounts(), "counts under the rule filter");
    assertEquals(
        Map.of(Rule.MASS_DELETION, 1, Rule.OFF_HOURS_ADMIN, 2),
        vm.ruleCounts(),
        "a rule's count does not depend on its own filter");

    Path csv = dir.resolve("night.csv");
    vm.export(csv);
    assertEquals(3, Files.readAllLines(csv).size(), "the export holds what is shown");

    vm.chooseSeverity(Severity.HIGH, true);
    assertTrue(vm.visibleFindings().isEmpty(), "no after-hours finding is high");
    assertEquals(Map.of(Rule.MASS_DELETION, 1), vm.ruleCounts());
    vm.chooseRule(Rule.OFF_HOURS_ADMIN, false);
    assertEquals(
        List.of(Rule.MASS_DELETION), vm.visibleFindings().stream().map(Finding::rule).toList());

    vm.run();
    assertEquals(1, vm.visibleFindings().size(), "a new run keeps the filters");
    vm.clearFilters();
    assertEquals(3, vm.visibleFindings().size());
    assertEquals("3 findings: 1 high, 0 medium, 2 low", vm.summaryProperty().get());
  }

  private static AuditEvent userChange(String admin, Instant t) {
    return new AuditEvent(
        UUID.randomUUID().toString(),
        "",
        t,
        "",
        null,
        "10.0.0.7",
        "",
        "user",
        "",
        "dave",
        "",
        "",
        "write",
        List.of(),
        200,
        "{}",
        "",
        false,
        new Actor("a-" + admin, admin, admin + "@example.com", admin),
        "",
        "");
  }

  @Test
  void anEmptyCacheHasNoFindingsAndSaysSo() throws Exception {
    try (H2AuditCache empty =
        CacheStore.open(
            dir.resolve("empty"),
            new Deployment(URI.create("https://e.example.com"), ""),
            CacheStore.OpenMode.READ_WRITE)) {
      InsightsViewModel e =
          new InsightsViewModel(
              () -> empty, InsightSettings.defaults(ZoneOffset.UTC), Runnable::run, Runnable::run);
      e.run();
      assertTrue(e.findingsProperty().isEmpty());
      assertEquals("No findings: nothing unusual in this cache.", e.summaryProperty().get());
    }
  }
}
