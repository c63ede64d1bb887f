package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.model.Deployment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoServerCommandTest {

  @Test
  void demoServerPrintsItsAddressAndAccountAndServesUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t =
        new Thread(() -> exit.set(cl.execute("demo-server", "--port", "0", "--events", "300")));
    t.start();
    Matcher url = null;
    for (int i = 0; i < 100 && url == null; i++) {
      Matcher m =
          Pattern.compile("AuditDesk demo deployment at (http://127\\.0\\.0\\.1:\\d+)")
              .matcher(out.toString());
      url = m.find() && out.toString().contains("password:") ? m : null;
      Thread.sleep(50);
    }
    assertTrue(url != null, out.toString());
    Matcher account = Pattern.compile("email: (\\S+) password: (\\S+)").matcher(out.toString());
    assertTrue(account.find(), out.toString());
    try (CoderClient c = CoderClient.create(new Deployment(URI.create(url.group(1)), ""))) {
      c.login(account.group(1), account.group(2).toCharArray());
      assertEquals(300, c.auditPage("", 1000, 0).events().size());
    }
    t.interrupt();
    t.join(5_000);
    assertEquals(ExitCodes.OK, exit.get());
  }

  @Test
  void aNegativeEventCountIsAUsageError() {
    CommandLine cl = AuditDeskCli.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ExitCodes.USAGE, cl.execute("demo-server", "--events", "-5"));
  }
}
