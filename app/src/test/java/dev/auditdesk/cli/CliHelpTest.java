package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliHelpTest {

  @Test
  void helpPrintsUsageAndExitsZero() {
    String out = captureOut(() -> assertEquals(ExitCodes.OK, AuditDeskCli.run("--help")));
    assertTrue(out.contains("Usage: auditdesk"), out);
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(ExitCodes.USAGE, AuditDeskCli.run("--no-such-option"));
  }

  static String captureOut(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
