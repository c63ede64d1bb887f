package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.coder.AuditPage;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports filtered views of a cache filled over real HTTP from the demo deployment, and checks each
 * file against what the server itself answers for the same filter (Coder's own search).
 */
class ExportFromSyncedCacheTest {

  @TempDir static Path dir;

  static DemoServer server;
  static CoderClient client;
  static H2AuditCache cache;
  static List<AuditEvent> all;

  @BeforeAll
  static void syncDemoDeploymentIntoAnH2File() throws Exception {
    // Pages the server directly: a stable tie order keeps its own reference read exact.
    server =
        DemoServer.start(
            DemoConfig.defaults().withEvents(3000).withQuirks(dev.auditdesk.demo.DemoQuirks.NONE));
    client = CoderClient.create(new Deployment(server.url(), ""));
    client.login(server.email(), server.password().toCharArray());
    cache =
        CacheStore.open(dir.resolve("caches"), client.deployment(), CacheStore.OpenMode.READ_WRITE);
    all = serverEvents("");
    cache.upsert(all);
    assertEquals(3000, cache.total());
  }

  @AfterAll
  static void stop() {
    if (cache != null) {
      cache.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Every event the server returns for {@code q}, paged until a short page. */
  static List<AuditEvent> serverEvents(String q) throws Exception {
    List<AuditEvent> out = new ArrayList<>();
    for (long offset = 0; ; offset += 100) {
      AuditPage p = client.auditPage(q, 100, offset);
      out.addAll(p.events());
      if (p.received() < 100) {
        return out;
      }
    }
  }

  static String mostCommon(java.util.function.Function<AuditEvent, String> f, int rank) {
    Map<String, Long> counts =
        all.stream()
            .map(f)
            .filter(v -> !v.isEmpty())
            .collect(Collectors.groupingBy(v -> v, HashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .skip(rank)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  static List<String> idsIn(Path file, ExportFormat f) throws Exception {
    List<String> ids = new ArrayList<>();
    switch (f) {
      case CSV -> {
        List<CSVRecord> rows = ExportFilesTest.csv(file);
        rows.subList(1, rows.size()).forEach(r -> ids.add(r.get(0)));
      }
      case NDJSON -> {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          ids.add(AuditEventJson.mapper().readTree(line).path("id").asText());
        }
      }
      case JSON -> {
        for (JsonNode n : AuditEventJson.mapper().readTree(file.toFile())) {
          ids.add(n.path("id").asText());
        }
      }
      case HTML -> {
        Matcher m =
            Pattern.compile("<tr class=\"ev[^\"]*\" data-id=\"([^\"]+)\"")
                .matcher(Files.readString(file));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    return ids;
  }

  private void assertExportHoldsExactly(AuditQuery query, Set<String> expected, String name)
      throws Exception {
    assertFalse(expected.isEmpty(), "the filter must match something to be a test");
    assertTrue(expected.size() < all.size(), "the filter must leave something out");
    Map<String, Instant> times = new HashMap<>();
    all.forEach(e -> times.put(e.id(), e.time()));
    for (ExportFormat f : ExportFormat.values()) {
      Path out = dir.resolve(name + "." + f.extension());
      ExportResult r =
          Exporter.export(
              cache,
              new Exporter.Request(query, SortOrder.NEWEST_FIRST, f, out),
              ExportListener.NONE);
      List<String> ids = idsIn(out, f);
      Set<String> missing = new HashSet<>(expected);
      ids.forEach(missing::remove);
      Set<String> extra = new HashSet<>(ids);
      extra.removeAll(expected);
      assertEquals(Set.of(), missing, f + ": events Coder matches but the file lacks");
      assertEquals(Set.of(), extra, f + ": events in the file that Coder does not match");
      assertEquals(ids.size(), new LinkedHashSet<>(ids).size(), f + ": no event twice");
      for (int i = 1; i < ids.size(); i++) {
        assertFalse(times.get(ids.get(i)).isAfter(times.get(ids.get(i - 1))), f + ": newest first");
      }
      assertEquals(expected.size(), r.manifest().rows());
      assertEquals(server.url().toString(), r.manifest().deployment().url().toString());
      Verifier.Result v = Verifier.verify(out);
      assertTrue(v.ok(), v.message());
    }
  }

  @Test
  void aSingleValueFilterExportsExactlyWhatCoderReturnsForTheSameSearch() throws Exception {
    String action = mostCommon(AuditEvent::action, 0);
    String type = mostCommon(AuditEvent::resourceType, 0);
    AuditQuery q =
        AuditQuery.ALL.with(Facet.ACTION, Set.of(action)).with(Facet.RESOURCE_TYPE, Set.of(type));
    Set<String> expected =
        serverEvents("action:" + action + " resource_type:" + type).stream()
            .map(AuditEvent::id)
            .collect(Collectors.toSet());
    assertExportHoldsExactly(q, expected, "single");
  }

  @Test
  void severalValuesOfAFilterExportTheUnionOfCodersAnswers() throws Exception {
    String a1 = mostCommon(AuditEvent::action, 0);
    String a2 = mostCommon(AuditEvent::action, 1);
    String user = mostCommon(e -> e.actor().username(), 0);
    AuditQuery q = AuditQuery.ALL.with(Facet.ACTION, Set.of(a1, a2)).with(Facet.USER, Set.of(user));
    Set<String> expected = new HashSet<>();
    for (String a : List.of(a1, a2)) {
      serverEvents("action:" + a + " username:" + user).forEach(e -> expected.add(e.id()));
    }
    assertExportHoldsExactly(q, expected, "union");
  }
}
