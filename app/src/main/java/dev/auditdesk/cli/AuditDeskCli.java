package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.MemoryShortage;
import dev.auditdesk.Version;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: {@code auditdesk <command> ...}. Never needs a display. */
@Command(
    name = "auditdesk",
    mixinStandardHelpOptions = true,
    versionProvider = AuditDeskCli.VersionProvider.class,
    description = {
      "Review the audit log of a Coder deployment, online or offline.",
      "Run without arguments to open the window."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      ArchiveCommand.class,
      CacheCommand.class,
      DemoServerCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      InsightsCommand.class,
      KeyCommand.class,
      SyncCommand.class,
      VerifyCommand.class,
    })
public final class AuditDeskCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and returns the exit code (see {@link ExitCodes}). */
  public static int run(String... args) {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(AuditDeskCli::uncaught);
    long reports = MemoryShortage.reports();
    try {
      int code = commandLine().execute(args);
      // A command that reported a cache failure caused by the heap says so in its exit code too.
      return MemoryShortage.reports() > reports ? ExitCodes.OUT_OF_MEMORY : code;
    } catch (OutOfMemoryError e) {
      return outOfMemory();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AuditDeskCli());
    cl.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.SOFTWARE);
    cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (MemoryShortage.in(e)) {
            return outOfMemory();
          }
          throw e;
        });
    return cl;
  }

  private static int outOfMemory() {
    System.err.println(MemoryShortage.message());
    System.err.flush();
    return ExitCodes.OUT_OF_MEMORY;
  }

  /** A worker thread (fetching, writing, exporting) that runs out of heap ends the command. */
  private static void uncaught(Thread thread, Throwable e) {
    if (MemoryShortage.in(e)) {
      LoggerFactory.getLogger(AuditDeskCli.class).error("Out of memory in {}", thread.getName());
      Runtime.getRuntime().halt(outOfMemory());
    }
    // Anything else is a bug: the whole trace goes to the log (redacted there, like every line),
    // the terminal gets one redacted sentence instead of a raw stack trace.
    LoggerFactory.getLogger(AuditDeskCli.class)
        .error("Unexpected failure in thread {}", thread.getName(), e);
    System.err.println(
        "AuditDesk: an unexpected error in "
            + thread.getName()
            + ": "
            + dev.auditdesk.RedactingConverter.redact(String.valueOf(e))
            + " (the log has the details; please report it).");
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"AuditDesk " + Version.version()};
    }
  }
}
