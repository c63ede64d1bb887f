package dev.auditdesk.cache;

import static dev.auditdesk.cache.H2AuditCacheTest.DEPLOYMENT;
import static dev.auditdesk.cache.H2AuditCacheTest.NOW;
import static dev.auditdesk.cache.H2AuditCacheTest.checkQueries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dictionaries saved in {@code cache.index} (version 3): a reopened cache takes them from the
 * file instead of H2's {@code dict} table and answers exactly as before; values synced after the
 * save, an older file without them and a file that disagrees with H2 all still give the right
 * answers.
 */
class IndexFileDictionariesTest {

  private static final String FAR = "Zürich-𝄞-ÆØÅ";

  @TempDir Path root;

  private H2AuditCache open() throws CacheException {
    return CacheStore.open(root, DEPLOYMENT, CacheStore.OpenMode.READ_WRITE);
  }

  private Path folder() {
    return CacheStore.folderFor(root, DEPLOYMENT);
  }

  /** Events over {@code targets} targets, one of them spelled outside ASCII. */
  private static List<AuditEvent> events(int n, long seed, int targets) throws Exception {
    List<AuditEvent> out = new ArrayList<>();
    for (AuditEvent e : TestEvents.manyTargets(n, seed, NOW, targets)) {
      out.add(
          e.resourceTarget().equals("target-7")
              ? AuditEventJson.parse(e.rawJson().replace("\"target-7\"", "\"" + FAR + "\""))
              : e);
    }
    return out;
  }

  private static void checkTargets(H2AuditCache cache, List<AuditEvent> events, String... names) {
    for (String name : names) {
      AuditQuery q = AuditQuery.ALL.with(Facet.RESOURCE_TARGET, Set.of(name));
      assertEquals(Reference.ids(events, q, SortOrder.NEWEST_FIRST).size(), cache.count(q), name);
    }
    assertEquals(
        Reference.facet(events, Facet.RESOURCE_TARGET, AuditQuery.ALL),
        cache.facetValues(Facet.RESOURCE_TARGET, AuditQuery.ALL));
    AuditQuery text = AuditQuery.ALL.withText("zürich");
    assertEquals(Reference.ids(events, text, SortOrder.NEWEST_FIRST).size(), cache.count(text));
  }

  @Test
  void aReopenedCacheTakesItsDictionariesFromTheIndexFileAndFindsValuesSyncedLater()
      throws Exception {
    List<AuditEvent> events = new ArrayList<>(events(4_000, 41, 60));
    int values;
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
      assertEquals(0, cache.valuesReadFromIndexFile());
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(4_000, reopened.rowsReadFromIndexFile());
      values = reopened.valuesReadFromIndexFile();
      assertTrue(values > 60, "every dictionary came from the file: " + values);
      checkQueries(reopened, events, 42);
      checkTargets(reopened, events, FAR, "target-3");
      // A sync after reopening brings targets the file has never seen.
      List<AuditEvent> later = events(1_500, 43, 200);
      assertEquals(1_500, reopened.upsert(later));
      events.addAll(later);
      checkQueries(reopened, events, 44);
      checkTargets(reopened, events, "target-150", FAR);
    }
    try (H2AuditCache again = open()) {
      assertEquals(5_500, again.rowsReadFromIndexFile());
      assertTrue(again.valuesReadFromIndexFile() > values + 100);
      checkQueries(again, events, 45);
      checkTargets(again, events, "target-150", FAR);
    }
  }

  /** The file saved before a crash; the values committed after it come from H2, by key range. */
  @Test
  void valuesCommittedAfterTheFileWasSavedAreReadFromH2() throws Exception {
    List<AuditEvent> events = new ArrayList<>(events(3_000, 51, 40));
    events.addAll(events(2_000, 52, 300));
    Path crashed = root.resolve("crashed");
    int saved;
    try (H2AuditCache cache = open()) {
      cache.upsert(events.subList(0, 3_000));
      cache.writeIndexFile();
      cache.upsert(events.subList(3_000, 5_000));
      cache.checkpoint();
      H2AuditCacheTest.copyFolder(cache.folder(), CacheStore.folderFor(crashed, DEPLOYMENT));
    }
    try (H2AuditCache afterCrash =
        CacheStore.open(crashed, DEPLOYMENT, CacheStore.OpenMode.READ_WRITE)) {
      assertEquals(3_000, afterCrash.rowsReadFromIndexFile());
      saved = afterCrash.valuesReadFromIndexFile();
      assertTrue(saved > 40, "the values saved with the file: " + saved);
      checkQueries(afterCrash, events, 53);
      checkTargets(afterCrash, events, "target-250", FAR);
    }
  }

  @Test
  void anIndexFileWithoutDictionariesStillOpensAndTheNextSaveAddsThem() throws Exception {
    List<AuditEvent> events = events(3_000, 61, 50);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
    }
    Path file = folder().resolve(IndexFile.NAME);
    Files.write(file, asVersion2(Files.readAllBytes(file)));
    try (H2AuditCache reopened = open()) {
      assertEquals(3_000, reopened.rowsReadFromIndexFile());
      assertEquals(0, reopened.valuesReadFromIndexFile());
      checkQueries(reopened, events, 62);
      checkTargets(reopened, events, FAR);
    }
    assertEquals(4, ByteBuffer.wrap(Files.readAllBytes(file)).getInt(4), "saved again at close");
    try (H2AuditCache again = open()) {
      assertEquals(3_000, again.rowsReadFromIndexFile());
      assertTrue(again.valuesReadFromIndexFile() > 50);
      checkQueries(again, events, 63);
    }
  }

  @Test
  void anIndexFileOfVersionThreeIsReadAndSavedSmallerAtClose() throws Exception {
    List<AuditEvent> events = new ArrayList<>(events(3_000, 65, 50));
    events.sort(java.util.Comparator.comparing(AuditEvent::time).thenComparing(AuditEvent::id));
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
    }
    Path file = folder().resolve(IndexFile.NAME);
    byte[] v3 = asVersion3(Files.readAllBytes(file));
    Files.write(file, v3);
    try (H2AuditCache reopened = open()) {
      assertEquals(3_000, reopened.rowsReadFromIndexFile());
      assertTrue(reopened.valuesReadFromIndexFile() > 50, "its dictionaries are used");
      checkQueries(reopened, events, 66);
    }
    byte[] saved = Files.readAllBytes(file);
    assertEquals(4, ByteBuffer.wrap(saved).getInt(4), "saved again at close");
    assertTrue(saved.length < v3.length - 4 * 2_900, "the time order now takes a few runs");
    try (H2AuditCache again = open()) {
      assertEquals(3_000, again.rowsReadFromIndexFile());
      checkQueries(again, events, 67);
    }
  }

  /**
   * H2 is the truth: a dictionary that disagrees with it is read from H2, the columns still used.
   */
  @Test
  void aFileWhoseDictionaryDisagreesWithH2IsNotBelieved() throws Exception {
    List<AuditEvent> events = events(3_000, 71, 30);
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
    }
    String last = sql("SELECT v FROM dict WHERE kind = 2 ORDER BY code DESC LIMIT 1");
    sql(
        "UPDATE dict SET v = 'renamed-target' WHERE kind = 2 AND code ="
            + " (SELECT MAX(code) FROM dict WHERE kind = 2)");
    List<AuditEvent> renamed = new ArrayList<>();
    for (AuditEvent e : events) {
      renamed.add(
          e.resourceTarget().equals(last)
              ? AuditEventJson.parse(e.rawJson().replace("\"" + last + "\"", "\"renamed-target\""))
              : e);
    }
    try (H2AuditCache reopened = open()) {
      assertEquals(3_000, reopened.rowsReadFromIndexFile());
      assertEquals(0, reopened.valuesReadFromIndexFile());
      checkQueries(reopened, renamed, 72);
      checkTargets(reopened, renamed, "renamed-target", last);
      assertTrue(names(reopened).contains("renamed-target"));
    }
    try (H2AuditCache again = open()) {
      assertTrue(again.valuesReadFromIndexFile() > 30, "saved again at close, now agreeing");
      checkTargets(again, renamed, "renamed-target", last);
    }
  }

  /**
   * A code H2 holds no value for (a placeholder) keeps its number through the file: were it lost,
   * the next new target would take the code of the value after it and the sync would fail.
   */
  @Test
  void aCodeWithoutAValueKeepsItsPlaceThroughTheFile() throws Exception {
    List<AuditEvent> events = new ArrayList<>(events(2_000, 81, 20));
    try (H2AuditCache cache = open()) {
      cache.upsert(events);
    }
    int end = Integer.parseInt(sql("SELECT MAX(code) + 1 FROM dict WHERE kind = 2"));
    sql("INSERT INTO dict(kind, code, v) VALUES(2, " + (end + 1) + ", 'after-a-gap')");
    Files.delete(folder().resolve(IndexFile.NAME)); // read from H2, saved with the gap at close
    try (H2AuditCache cache = open()) {
      assertEquals(0, cache.rowsReadFromIndexFile());
    }
    for (int round = 0; round < 2; round++) {
      try (H2AuditCache reopened = open()) {
        assertTrue(reopened.valuesReadFromIndexFile() > 20);
        List<AuditEvent> later = events(500, 82 + round, 40 + 10 * round);
        assertEquals(500, reopened.upsert(later));
        events.addAll(later);
        checkQueries(reopened, events, 84 + round);
        checkTargets(reopened, events, "target-35", "target-45", FAR);
      }
    }
    assertEquals("after-a-gap", sql("SELECT v FROM dict WHERE kind = 2 AND code = " + (end + 1)));
  }

  private static List<String> names(H2AuditCache cache) {
    return cache.facetValues(Facet.RESOURCE_TARGET, AuditQuery.ALL).stream()
        .map(FacetValue::value)
        .toList();
  }

  /** A version 3 file as version 2 wrote it: the same without the dictionaries. */
  /** A version 4 file as version 2 wrote it: {@link #asVersion3} without the dictionaries. */
  private static byte[] asVersion2(byte[] v4) {
    return asVersion(v4, 2);
  }

  /** A version 4 file as version 3 wrote it: the time order as every row rather than runs. */
  private static byte[] asVersion3(byte[] v4) {
    return asVersion(v4, 3);
  }

  private static byte[] asVersion(byte[] v4, int version) {
    ByteBuffer b = ByteBuffer.wrap(v4);
    int n = b.getInt(16);
    int columns = 24 + 8 + (int) b.getLong(24);
    int order = columns + 5 * Long.BYTES * n;
    ByteBuffer rows = ByteBuffer.allocate(Integer.BYTES * n);
    int runs = b.getInt(order);
    int rest = order + Integer.BYTES;
    if (runs == -1) {
      rows.put(v4, rest, Integer.BYTES * n);
      rest += Integer.BYTES * n;
    } else {
      for (int r = 0; r < runs; r++, rest += 2 * Integer.BYTES) {
        int first = b.getInt(rest);
        int length = b.getInt(rest + Integer.BYTES);
        for (int k = 0; k < Math.abs(length); k++) {
          rows.putInt(first + Integer.signum(length) * k);
        }
      }
    }
    int head = version == 2 ? 24 : columns;
    ByteBuffer v2 =
        ByteBuffer.allocate(head + (order - columns) + rows.capacity() + (v4.length - rest));
    v2.put(v4, 0, head).put(v4, columns, order - columns).put(rows.array());
    v2.put(v4, rest, v4.length - 8 - rest);
    v2.putInt(4, version);
    CRC32C crc = new CRC32C();
    crc.update(v2.array(), 0, v2.capacity() - 8);
    v2.putLong(v2.capacity() - 8, crc.getValue());
    return v2.array();
  }

  /** Runs a statement on the closed cache's H2 file; the first value of a query. */
  private String sql(String statement) throws Exception {
    Path db = folder().resolve("cache");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
        Statement s = c.createStatement()) {
      if (!s.execute(statement)) {
        return null;
      }
      try (ResultSet r = s.getResultSet()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
