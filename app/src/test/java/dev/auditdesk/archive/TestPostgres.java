package dev.auditdesk.archive;

import dev.auditdesk.model.AuditEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the archive's tests, started once per JVM from PostgreSQL's own
 * programs (see {@link #findBin}): initdb into a temporary folder, a free port on 127.0.0.1,
 * password authentication, stopped and deleted at exit. PostgreSQL refuses to run as root, so as
 * root it runs as an unprivileged user ({@link #serverUser}). Each test gets its own database from
 * {@link #newDatabase}.
 */
public final class TestPostgres {

  public static final String USER = "postgres";
  public static final String PASSWORD = "test-only-secret";

  private static TestPostgres shared;
  private static String runAs = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final Path bin;
  private final int port;

  private TestPostgres(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
  }

  public static synchronized TestPostgres get() throws Exception {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  public int port() {
    return port;
  }

  /** A new empty database and its address with the superuser's credentials. */
  public ArchiveUrl newDatabase() throws SQLException {
    String name =
        "archive_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = admin("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return ArchiveUrl.parse("postgresql://127.0.0.1:" + port + "/" + name)
        .withUser(USER)
        .withPassword(PASSWORD);
  }

  /**
   * A new database with the archive's schema up to migration {@code target} ("latest": all), as an
   * older AuditDesk left it.
   */
  public ArchiveUrl newArchive(String target) throws Exception {
    ArchiveUrl url = newDatabase();
    PostgresArchive.migrate(url, target);
    return url;
  }

  /** The archive at {@code url}, opened, with {@code events} stored. */
  public static PostgresArchive holding(ArchiveUrl url, List<AuditEvent> events) throws Exception {
    PostgresArchive a = PostgresArchive.open(url);
    a.upsert(events);
    return a;
  }

  /** A superuser connection to one database, for a test's own set-up (roles, grants). */
  public Connection admin(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
  }

  private static TestPostgres start() throws Exception {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir =
        Files.createTempDirectory(
            "auditdesk-pg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path data = dir.resolve("data");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, PASSWORD + "\n");
    if (root) {
      runAs = serverUser();
      run(List.of("chown", "-R", runAs, dir.toString()), false);
    }
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            USER,
            "--pwfile=" + pw,
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8"),
        root);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50",
            "start"),
        root);
    TestPostgres pg = new TestPostgres(dir, bin, port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> pg.stop(root), "test-postgres-stop"));
    return pg;
  }

  private void stop(boolean root) {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "stop"),
          root);
    } catch (Exception e) {
      System.err.println("Stopping the test PostgreSQL failed: " + e.getMessage());
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }

  /**
   * AUDITDESK_PG_BIN if set, else the programs from the test class path ({@link PostgresBinaries}),
   * else the newest PostgreSQL installed on the machine (Debian's package, on other processors).
   */
  private static Path findBin() throws IOException {
    String env = System.getenv("AUDITDESK_PG_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    var fromClassPath = PostgresBinaries.unpacked();
    if (fromClassPath.isPresent()) {
      return fromClassPath.get();
    }
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> s = Files.list(lib)) {
        var newest =
            s.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())));
        if (newest.isPresent()) {
          return newest.get().resolve("bin");
        }
      }
    }
    throw new IllegalStateException(
        "The archive's tests need PostgreSQL 14 or newer: on Linux x86-64 its programs come with"
            + " the test dependencies; elsewhere install it (Debian: apt-get install postgresql)"
            + " or set AUDITDESK_PG_BIN to its bin folder.");
  }

  /**
   * Who runs the server when the tests run as root (PostgreSQL refuses root): the {@code postgres}
   * user where a package created it, else {@code nobody}, which every Linux has.
   */
  private static String serverUser() throws Exception {
    Process p = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? "postgres" : "nobody";
  }

  private static void run(List<String> command, boolean asPostgres) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", runAs, "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("Failed: " + String.join(" ", cmd) + "\n" + out);
    }
  }
}
