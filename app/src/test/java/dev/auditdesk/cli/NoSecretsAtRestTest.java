package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of docs/SECURITY.md, end to end: a password sync and an export, in a real child JVM
 * with debug logging and a umask of 022, leave no password or session token in any file and nothing
 * another account on the computer could read.
 */
@DisabledOnOs(OS.WINDOWS)
class NoSecretsAtRestTest {

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  @TempDir Path dir;
  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  /** Runs {@code dev.auditdesk.Main ARGS} in a new JVM under umask 022 with debug logging. */
  private String child(Path home, String... args) throws Exception {
    return child(home, List.of(), 0, args);
  }

  private String child(Path home, List<String> jvmOptions, int exit, String... args)
      throws Exception {
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.addAll(jvmOptions);
    java.add("-Dauditdesk.home=" + home);
    java.add("-Dauditdesk.loglevel=DEBUG");
    java.add("-Dauditdesk.keyring=off");
    java.add("dev.auditdesk.Main");
    java.addAll(List.of(args));
    StringBuilder cmd = new StringBuilder("umask 022; exec");
    for (String a : java) {
      cmd.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    Path out = dir.resolve("child-" + args[0] + ".txt");
    Process p =
        new ProcessBuilder("sh", "-c", cmd.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child finished");
    assertEquals(exit, p.exitValue(), Files.readString(out));
    return Files.readString(out);
  }

  @Test
  void aPasswordSyncAndAnExportLeaveNoSecretAndNothingReadableByOthers() throws Exception {
    DemoServer s = demos.start(DemoConfig.defaults().withEvents(1_500));
    Path home = dir.resolve("home");
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Path pw = secrets.resolve("pw");
    Files.writeString(pw, s.password() + "\n");

    child(
        home,
        "sync",
        "--url",
        s.url().toString(),
        "--email",
        s.email(),
        "--password-file",
        pw.toString());
    Path export = home.resolve("audit.csv");
    child(
        home, "export", "--url", s.url().toString(), "--format", "csv", "--out", export.toString());

    assertEquals(1, s.issuedTokens().size(), "the sync signed in with the password");
    String token = s.issuedTokens().iterator().next();
    String tokenSecret = token.substring(token.indexOf('-') + 1);
    assertTrue(Files.size(export) > 1_000, "the export has the events");
    Path log = home.resolve("data/logs/auditdesk.log");
    assertTrue(Files.readString(log).contains("DEBUG"), "debug logging was on");

    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(home)) {
      all.forEach(files::add);
    }
    assertTrue(files.size() > 8, files.toString());
    for (Path f : files) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
      Set<PosixFilePermission> leaked = EnumSet.noneOf(PosixFilePermission.class);
      leaked.addAll(perms);
      leaked.retainAll(OTHERS);
      assertTrue(
          leaked.isEmpty(),
          home.relativize(f) + " is " + PosixFilePermissions.toString(perms) + " under umask 022");
      if (Files.isRegularFile(f)) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(s.password()), "the password is in " + f);
        assertFalse(text.contains(tokenSecret), "the session token is in " + f);
      }
    }
  }

  @Test
  void whenTheDataFolderCannotBeCreatedNothingIsLoggedToASharedFolder() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path token = dir.resolve("token");
    Files.writeString(token, "AbCdEfGhIj-0123456789abcdefghijKL\n");
    String out =
        child(
            notAFolder.resolve("home"),
            List.of("-Djava.io.tmpdir=" + tmp),
            ExitCodes.NETWORK,
            "sync",
            "--url",
            "http://127.0.0.1:1",
            "--token-file",
            token.toString(),
            "--cache",
            dir.resolve("caches").toString());
    assertTrue(out.contains("logging to a file is off"), out);
    assertEquals(1, out.lines().filter(l -> l.contains("log")).count(), out);
    try (Stream<Path> inTmp = Files.list(tmp)) {
      assertEquals(List.of(), inTmp.toList(), "nothing written to the temporary folder");
    }
  }
}
