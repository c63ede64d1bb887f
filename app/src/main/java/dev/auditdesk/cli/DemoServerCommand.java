package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code auditdesk demo-server}: a Coder-compatible demo deployment until Ctrl+C. */
@Command(
    name = "demo-server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the built-in demo Coder deployment on 127.0.0.1 with a generated audit log.",
      "Prints its address and the demo account, then serves until Ctrl+C."
    })
public final class DemoServerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port on 127.0.0.1 (default: 0, a free port).")
  int port = 0;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Number of audit events to generate (default: ${DEFAULT-VALUE}).")
  int events = 50_000;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the generated history; the same seed gives the same events"
              + " (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--history-end",
      paramLabel = "TIME",
      description =
          "When the generated history ends, e.g. 2026-11-01T17:42:13Z; with --seed it gives the"
              + " same events every run (default: now).")
  Instant historyEnd;

  @Option(
      names = "--insight-patterns",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Plant a few of each pattern 'auditdesk insights' looks for in the last week (default:"
              + " on; --no-insight-patterns serves exactly --events events).")
  boolean insightPatterns = true;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535.");
    }
    if (events < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--events cannot be negative.");
    }
    DemoServer server;
    try {
      server =
          DemoServer.start(
              DemoConfig.defaults()
                  .withPort(port)
                  .withEvents(events)
                  .withSeed(seed)
                  .withHistoryEnd(historyEnd)
                  .withInsightPatterns(insightPatterns));
    } catch (java.io.UncheckedIOException e) {
      spec.commandLine().getErr().println(e.getMessage() + " Try another --port.");
      return ExitCodes.NETWORK;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "demo-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    out.println("AuditDesk demo deployment at " + server.url());
    out.println("email: " + server.email() + " password: " + server.password());
    out.println(
        events
            + " events up to "
            + server.config().historyEnd()
            + " (seed "
            + seed
            + "). Press Ctrl+C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Embedded use (tests): stop the server when the caller interrupts us.
      server.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}
