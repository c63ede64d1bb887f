package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Deployment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoServerCommandTest {

  @Test
  void demoServerPrintsItsAddressAndAccountAndServesUntilStopped() throws Exception {
    Instant before = Instant.now();
    List<AuditEvent> events =
        serveAndRead("demo-server", "--port", "0", "--events", "300", "--no-insight-patterns");
    assertEquals(300, events.size());
    assertFalse(events.get(0).time().isAfter(Instant.now()), events.get(0).time().toString());
    assertTrue(events.get(0).time().isAfter(before.minusSeconds(30L * 86_400)));
  }

  @Test
  void aGivenHistoryEndGivesTheSameEventsEveryRun() throws Exception {
    String[] args = {"demo-server", "--events", "200", "--history-end", "2026-11-01T17:42:13Z"};
    List<AuditEvent> first = serveAndRead(args);
    List<AuditEvent> second = serveAndRead(args);
    assertEquals(
        first.stream().map(AuditEvent::rawJson).toList(),
        second.stream().map(AuditEvent::rawJson).toList());
    assertFalse(first.get(0).time().isAfter(Instant.parse("2026-11-01T17:42:13Z")));
  }

  @Test
  void aNegativeEventCountIsAUsageError() {
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ExitCodes.USAGE, cl.execute("demo-server", "--events", "-5"));
  }

  @Test
  void anUnreadableHistoryEndIsAUsageError() {
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ExitCodes.USAGE, cl.execute("demo-server", "--history-end", "yesterday"));
  }

  /** Runs the command until it prints its address, reads the first 1000 events, then stops it. */
  private static List<AuditEvent> serveAndRead(String... args) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = new Thread(() -> exit.set(cl.execute(args)));
    t.start();
    Matcher url = null;
    for (int i = 0; i < 100 && url == null; i++) {
      Matcher m =
          Pattern.compile("AuditDesk demo deployment at (http://127\\.0\\.0\\.1:\\d+)")
              .matcher(out.toString());
      url = m.find() && out.toString().contains("Ctrl+C") ? m : null;
      Thread.sleep(50);
    }
    assertTrue(url != null, out.toString());
    Matcher account = Pattern.compile("email: (\\S+) password: (\\S+)").matcher(out.toString());
    assertTrue(account.find(), out.toString());
    List<AuditEvent> events;
    try (CoderClient c = CoderClient.create(new Deployment(URI.create(url.group(1)), ""))) {
      c.login(account.group(1), account.group(2).toCharArray());
      events = c.auditPage("", 1000, 0).events();
    }
    t.interrupt();
    t.join(5_000);
    assertEquals(ExitCodes.OK, exit.get());
    return events;
  }
}
