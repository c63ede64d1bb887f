package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.Version;
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
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AuditDeskCli());
    cl.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.SOFTWARE);
    cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    return cl;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"AuditDesk " + Version.version()};
    }
  }
}
