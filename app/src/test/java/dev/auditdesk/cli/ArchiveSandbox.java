package dev.auditdesk.cli;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A team archive to try the window on without installing PostgreSQL: starts the tests' PostgreSQL
 * ({@link TestPostgres}), creates an archive, syncs the demo deployment into it over loopback with
 * {@code auditdesk sync --archive}, prints where it is, and keeps both running until Ctrl-C. For
 * developers and screenshots; see docs/ARCHIVE.md, "Trying it".
 *
 * <p>Run: {@code java -cp "$CP" dev.auditdesk.cli.ArchiveSandbox [events]}
 */
public final class ArchiveSandbox {

  private ArchiveSandbox() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    ArchiveUrl db = TestPostgres.get().newDatabase();
    String address = db.display();
    Path dir = Files.createTempDirectory("auditdesk-archive-sandbox");
    Path coderPassword = secretFile(dir.resolve("coder-password"), DemoServer.PASSWORD);
    Path pgPassword = secretFile(dir.resolve("pg-password"), db.password());
    DemoServer demo = DemoServer.start(DemoConfig.defaults().withEvents(events).withPort(0));
    Map<String, String> env = Map.of("PGPASSWORD", db.password());
    run(env, "archive", "init", "--db", address, "--password-file", pgPassword.toString());
    run(
        env,
        "sync",
        "--url",
        demo.url().toString(),
        "--email",
        demo.email(),
        "--password-file",
        coderPassword.toString(),
        "--archive",
        address);
    Files.delete(coderPassword);
    Files.delete(pgPassword);
    System.out.printf(
        "%nThe archive is ready: %s (user %s, password %s; test-only credentials).%n"
            + "The demo deployment it holds: %s. Ctrl-C stops both.%n",
        address.replace(db.user() + "@", ""), db.user(), db.password(), demo.url());
    Thread.currentThread().join();
  }

  /** An owner-only file holding {@code secret}, as the CLI's --password-file wants. */
  private static Path secretFile(Path path, String secret) throws java.io.IOException {
    Files.createFile(
        path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(path, secret);
  }

  private static void run(Map<String, String> env, String... args) {
    CliRun r = CliRun.withEnv(env, args);
    System.out.print(r.out());
    System.err.print(r.err());
    if (r.exit() != 0) {
      throw new IllegalStateException(
          "auditdesk " + String.join(" ", args) + " exited " + r.exit());
    }
  }
}
