package dev.auditdesk.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the command line in-process, as {@code java -jar auditdesk.jar ARGS} would, capturing
 * output; or, with {@link #inNewJvm}, really in a new JVM.
 */
record CliRun(int exit, String out, String err) {

  static synchronized CliRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = AuditDeskCli.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new CliRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs the command line in-process with {@code env} as the environment {@code sync} and {@code
   * verify} read (PGPASSWORD, a token), capturing what they print.
   */
  static CliRun withEnv(Map<String, String> env, String... args) {
    CommandLine cl = AuditDeskCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    ((SyncCommand) cl.getSubcommands().get("sync").getCommand()).env = env::get;
    ((VerifyCommand) cl.getSubcommands().get("verify").getCommand()).env = env::get;
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /**
   * Starts {@code dev.auditdesk.Main} (what {@code java -jar auditdesk.jar} runs) in a new JVM with
   * its data under {@code home} and its output in {@code log}.
   */
  static Process inNewJvm(Path home, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dauditdesk.home=" + home);
    cmd.add("dev.auditdesk.Main");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
