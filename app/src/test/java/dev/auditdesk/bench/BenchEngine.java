package dev.auditdesk.bench;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.export.Importer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An engine of the side-by-side benchmark: loads the NDJSON file, says how much disk that took, and
 * answers a filter's count and its first page (the newest 100 events' ids, ties by id).
 */
interface BenchEngine extends AutoCloseable {

  String name();

  void load(Path ndjson) throws Exception;

  long diskBytes() throws IOException;

  long count(BenchFilter f) throws Exception;

  /** The ids of the newest 100 matches; empty for an engine that only counts. */
  List<String> firstPage(BenchFilter f) throws Exception;

  @Override
  default void close() throws Exception {}

  static long size(Path p) throws IOException {
    if (!Files.exists(p)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  /** AuditDesk's H2 cache, filled by the same importer as {@code auditdesk import}. */
  final class AuditDesk implements BenchEngine {
    private final Path caches;
    private final Deployment d = Importer.deploymentFor("bench");
    private AuditCache cache;

    AuditDesk(Path dir) {
      this.caches = dir.resolve("auditdesk");
    }

    @Override
    public String name() {
      return "AuditDesk";
    }

    @Override
    public void load(Path ndjson) throws Exception {
      try (AuditCache c = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE)) {
        Importer.importFiles(c, List.of(ndjson), Importer.Listener.NONE);
      }
      cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_ONLY);
    }

    @Override
    public long diskBytes() throws IOException {
      return size(caches);
    }

    @Override
    public long count(BenchFilter f) {
      return cache.count(f.query());
    }

    @Override
    public List<String> firstPage(BenchFilter f) {
      return cache.page(f.query(), SortOrder.NEWEST_FIRST, 0, 100).stream()
          .map(AuditEvent::id)
          .toList();
    }

    @Override
    public void close() {
      if (cache != null) {
        cache.close();
      }
    }
  }

  /** SQLite or DuckDB over JDBC: one table, the page reads each row's original JSON. */
  final class Sql implements BenchEngine {
    static final String TABLE =
        "CREATE TABLE events (id VARCHAR, time_us BIGINT, action VARCHAR, resource_type VARCHAR,"
            + " resource_target VARCHAR, username VARCHAR, email VARCHAR, org VARCHAR, ip VARCHAR,"
            + " status INTEGER, description VARCHAR, raw VARCHAR)";

    /** SQLite's indexes for the filter set; DuckDB gets none (its zone maps do that work). */
    static final List<String> SQLITE_INDEXES =
        List.of(
            "CREATE INDEX e_time ON events (time_us DESC, id DESC)",
            "CREATE INDEX e_action ON events (action, time_us DESC, id DESC)",
            "CREATE INDEX e_user ON events (username, time_us DESC, id DESC)",
            "CREATE INDEX e_type ON events (resource_type, time_us DESC, id DESC)",
            "CREATE INDEX e_target ON events (resource_target, time_us DESC, id DESC)",
            "CREATE INDEX e_user_type ON events (username, resource_type, time_us DESC, id DESC)");

    private final String name;
    private final Path file;
    private final Connection c;

    private Sql(String name, Path file, String url) throws SQLException {
      this.name = name;
      this.file = file;
      this.c = DriverManager.getConnection(url);
    }

    static Sql sqlite(Path dir) throws SQLException {
      Path f = dir.resolve("bench.sqlite");
      return new Sql("SQLite", f, "jdbc:sqlite:" + f);
    }

    static Sql duckdb(Path dir) throws SQLException {
      Path f = dir.resolve("bench.duckdb");
      return new Sql("DuckDB", f, "jdbc:duckdb:" + f);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void load(Path ndjson) throws Exception {
      boolean sqlite = name.equals("SQLite");
      try (Statement s = c.createStatement()) {
        if (sqlite) {
          s.execute("PRAGMA journal_mode=OFF");
          s.execute("PRAGMA synchronous=OFF");
        }
        s.execute(TABLE);
      }
      if (sqlite) {
        insertAll(ndjson);
      } else {
        appendAll(ndjson);
      }
      if (sqlite) {
        try (Statement s = c.createStatement()) {
          for (String index : SQLITE_INDEXES) {
            s.execute(index);
          }
          s.execute("ANALYZE");
        }
      } else {
        try (Statement s = c.createStatement()) {
          s.execute("CHECKPOINT");
        }
      }
    }

    /** SQLite: batched INSERTs in one transaction (its fastest path from Java). */
    private void insertAll(Path ndjson) throws Exception {
      c.setAutoCommit(false);
      try (PreparedStatement p =
              c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
        int batch = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          AuditEvent e = AuditEventJson.parse(line);
          p.setString(1, e.id());
          p.setLong(2, BenchFilter.micros(e.time()));
          p.setString(3, e.action());
          p.setString(4, e.resourceType());
          p.setString(5, e.resourceTarget());
          p.setString(6, e.actor().username().isEmpty() ? null : e.actor().username());
          p.setString(7, e.actor().email().isEmpty() ? null : e.actor().email());
          p.setString(8, e.organization().name());
          p.setString(9, e.ip());
          p.setInt(10, e.statusCode());
          p.setString(11, e.description());
          p.setString(12, line);
          p.addBatch();
          if (++batch == 10_000) {
            p.executeBatch();
            batch = 0;
          }
        }
        p.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
    }

    /** DuckDB: its appender (row-by-row INSERTs are orders slower there). */
    private void appendAll(Path ndjson) throws Exception {
      try (DuckDBAppender a =
              c.unwrap(DuckDBConnection.class)
                  .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
          BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          AuditEvent e = AuditEventJson.parse(line);
          a.beginRow();
          a.append(e.id());
          a.append(BenchFilter.micros(e.time()));
          a.append(e.action());
          a.append(e.resourceType());
          a.append(e.resourceTarget());
          if (e.actor().username().isEmpty()) {
            a.appendNull();
            a.appendNull();
          } else {
            a.append(e.actor().username());
            a.append(e.actor().email());
          }
          a.append(e.organization().name());
          a.append(e.ip());
          a.append(e.statusCode());
          a.append(e.description());
          a.append(line);
          a.endRow();
        }
      }
    }

    @Override
    public long diskBytes() throws IOException {
      return size(file) + size(file.resolveSibling(file.getFileName() + ".wal"));
    }

    @Override
    public long count(BenchFilter f) throws SQLException {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM events WHERE " + f.sql())) {
        r.next();
        return r.getLong(1);
      }
    }

    @Override
    public List<String> firstPage(BenchFilter f) throws SQLException {
      List<String> ids = new ArrayList<>(100);
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT id, raw FROM events WHERE "
                      + f.sql()
                      + " ORDER BY time_us DESC, id DESC LIMIT 100")) {
        while (r.next()) {
          ids.add(r.getString(1));
          r.getString(2); // the row's JSON is read, as the table's page reads it
        }
      }
      return ids;
    }

    @Override
    public void close() throws SQLException {
      c.close();
    }
  }

  /** jq over the NDJSON file: each count is a whole pass; no page (it would need a sort). */
  final class Jq implements BenchEngine {
    private Path file;

    static boolean installed() {
      try {
        return new ProcessBuilder("jq", "--version").start().waitFor() == 0;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }

    @Override
    public String name() {
      return "jq";
    }

    @Override
    public void load(Path ndjson) {
      file = ndjson;
    }

    @Override
    public long diskBytes() throws IOException {
      return Files.size(file);
    }

    @Override
    public long count(BenchFilter f) throws Exception {
      Process p =
          new ProcessBuilder("jq", "-c", "select(" + f.jq() + ") | 1", file.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      long n = 0;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        while (r.readLine() != null) {
          n++;
        }
      }
      if (p.waitFor() != 0) {
        throw new IOException("jq failed on " + f.name());
      }
      return n;
    }

    @Override
    public List<String> firstPage(BenchFilter f) {
      return List.of();
    }
  }
}
