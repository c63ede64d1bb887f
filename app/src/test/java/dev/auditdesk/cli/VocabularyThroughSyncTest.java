package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import dev.auditdesk.ui.filters.FacetPicker;
import dev.auditdesk.ui.table.CellText;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Today's Coder vocabulary reaches the user with friendly names, and values newer than AuditDesk
 * travel from the server through sync, cache, filter list, table and CSV unchanged.
 */
class VocabularyThroughSyncTest {

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  @BeforeAll
  static void toolkit() throws Exception {
    // The filter list's labels come from its control class, which needs JavaFX running.
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void newTypesHaveFriendlyNamesAndUnknownOnesSurviveRaw() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(8_000));
    Path pw = dir.resolve("pw");
    Files.writeString(pw, s.password() + "\n");
    Path caches = dir.resolve("caches");
    CliRun sync =
        CliRun.run(
            "sync",
            "--url",
            s.url().toString(),
            "--email",
            s.email(),
            "--password-file",
            pw.toString(),
            "--cache",
            caches.toString());
    assertEquals(ExitCodes.OK, sync.exit(), sync.err());

    AuditEvent unknown;
    AuditEvent future;
    try (H2AuditCache c =
        CacheStore.open(caches, new Deployment(s.url(), ""), CacheStore.OpenMode.READ_ONLY)) {
      Map<String, String> typeList = shown(c, Facet.RESOURCE_TYPE);
      assertEquals("MCP server config", typeList.get("mcp_server_config"), typeList.toString());
      assertEquals("AI provider", typeList.get("ai_provider"));
      assertEquals("Prebuild settings", typeList.get("prebuilds_settings"));
      assertEquals("IdP group sync", typeList.get("idp_sync_settings_group"));
      assertEquals("ai_usage_report", typeList.get("ai_usage_report"), "unknown: shown raw");
      Map<String, String> actionList = shown(c, Facet.ACTION);
      assertEquals("hibernate", actionList.get("hibernate"), actionList.toString());
      assertEquals("updated", actionList.get("write"));

      unknown = only(c, "resource_type", "ai_usage_report");
      future = only(c, "action", "hibernate");
      Function<AuditEvent, String> typeCell = e -> CellText.of(EventColumn.RESOURCE_TYPE, e);
      Function<AuditEvent, String> actionCell = e -> CellText.of(EventColumn.ACTION, e);
      assertEquals("ai_usage_report", typeCell.apply(unknown));
      assertEquals("hibernate", actionCell.apply(future));
      assertEquals("Chat", typeCell.apply(only(c, "resource_type", "chat")));
    }

    Path csv = dir.resolve("all.csv");
    CliRun ex =
        CliRun.run(
            "export", "--cache", caches.toString(), "--format", "csv", "--out", csv.toString());
    assertEquals(ExitCodes.OK, ex.exit(), ex.err());
    Map<String, CSVRecord> rows = new HashMap<>();
    try (Reader r = Files.newBufferedReader(csv)) {
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .build()
          .parse(r)
          .forEach(x -> rows.put(x.get("id"), x));
    }
    assertEquals("ai_usage_report", rows.get(unknown.id()).get("resource_type"));
    assertEquals(unknown.action(), rows.get(unknown.id()).get("action"));
    assertEquals("hibernate", rows.get(future.id()).get("action"));
  }

  @Test
  void deprecatedConnectionActionsSayWhereTheyWent() {
    for (String a : List.of("connect", "disconnect", "open", "close")) {
      AuditAction action = AuditAction.of(a);
      assertTrue(action.known(), a);
      assertTrue(
          action.explanation().contains("moved to the connection log since Coder 2.25"),
          action.explanation());
    }
    assertEquals("connected", AuditAction.of("connect").verb());
  }

  /** The facet list as the filter bar shows it: value → label. */
  private static Map<String, String> shown(H2AuditCache c, Facet f) {
    Set<String> values =
        c.facetValues(f, AuditQuery.ALL).stream()
            .map(FacetValue::value)
            .collect(Collectors.toSet());
    Map<String, String> m = new HashMap<>();
    values.forEach(v -> m.put(v, FacetPicker.label(f, v)));
    return m;
  }

  /** The first cached event with this raw value (there must be one). */
  private static AuditEvent only(H2AuditCache c, String field, String value) {
    List<AuditEvent> found = new ArrayList<>();
    c.forEach(
        AuditQuery.ALL,
        SortOrder.NEWEST_FIRST,
        e -> {
          String v = field.equals("action") ? e.action() : e.resourceType();
          if (v.equals(value) && found.isEmpty()) {
            found.add(e);
          }
        });
    assertTrue(!found.isEmpty(), "no cached event with " + field + " " + value);
    return found.get(0);
  }
}
