package dev.auditdesk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogRedactionTest {

  private static final String TOKEN = "AbCdEfGhIj-0123456789abcdefghijKL";

  @Test
  void aSessionTokenLoggedByMistakeNeverReachesTheLogFile() throws Exception {
    Logging.init();
    Logger log = LoggerFactory.getLogger("dev.auditdesk.test");
    log.info("signed in with {}", TOKEN);
    log.info("header Coder-Session-Token: {}", "some-opaque-value-123");
    log.warn("login body {\"email\":\"a@b.c\",\"password\":\"hunter2hunter2\"}");

    Path file = Path.of(System.getProperty("auditdesk.logdir"), "auditdesk.log");
    String text = Files.readString(file);
    assertTrue(text.contains("signed in with [redacted]"), text);
    assertFalse(text.contains(TOKEN));
    assertFalse(text.contains("some-opaque-value-123"));
    assertFalse(text.contains("hunter2hunter2"));
  }
}
