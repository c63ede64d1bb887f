package dev.auditdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogRedactionTest {

  private static final String TOKEN = "AbCdEfGhIj-0123456789abcdefghijKL";

  private static Path logFile() {
    Logging.init();
    return Path.of(System.getProperty("auditdesk.logdir"), "auditdesk.log");
  }

  @Test
  void aSessionTokenLoggedByMistakeNeverReachesTheLogFile() throws Exception {
    Path file = logFile();
    Logger log = LoggerFactory.getLogger("dev.auditdesk.test");
    log.info("signed in with {}", TOKEN);
    log.info("header Coder-Session-Token: {}", "some-opaque-value-123");
    log.warn("login body {\"email\":\"a@b.c\",\"password\":\"hunter2hunter2\"}");

    String text = Files.readString(file);
    assertTrue(text.contains("signed in with [redacted]"), text);
    assertFalse(text.contains(TOKEN));
    assertFalse(text.contains("some-opaque-value-123"));
    assertFalse(text.contains("hunter2hunter2"));
  }

  @Test
  void secretsInExceptionsAndTheirCausesNeverReachTheLogFile() throws Exception {
    Path file = logFile();
    Logger log = LoggerFactory.getLogger("dev.auditdesk.test");
    Exception cause = new IOException("server said: password=correct horse battery staple");
    log.error(
        "sign-in failed",
        new IllegalStateException("Coder-Session-Token: " + "opaque-secret-in-exception", cause));

    String text = Files.readString(file);
    assertTrue(text.contains("IllegalStateException"), text);
    assertTrue(text.contains("Caused by: java.io.IOException"), text);
    assertFalse(text.contains("opaque-secret-in-exception"), text);
    assertFalse(text.contains("horse battery staple"), text);
    assertFalse(text.contains("correct"), text);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theLogFileIsReadableByItsOwnerOnly() throws Exception {
    Path file = logFile();
    LoggerFactory.getLogger("dev.auditdesk.test").info("a line");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }

  @Test
  void wholeJsonStringValuesAreMaskedWhateverTheyContain() {
    String r =
        RedactingConverter.redact(
            "{\"email\":\"a@b.c\",\"password\":\"my pass, with \\\"quotes\\\" } and more\","
                + "\"session_token\": \"tok en\", \"name\":\"kept\"}");
    assertFalse(r.contains("my pass"), r);
    assertFalse(r.contains("quotes"), r);
    assertFalse(r.contains("and more"), r);
    assertFalse(r.contains("tok en"), r);
    assertTrue(r.contains("\"email\":\"a@b.c\""), r);
    assertTrue(r.contains("\"name\":\"kept\""), r);
    assertTrue(r.contains("\"password\":\"[redacted]\""), r);
  }

  @Test
  void jsonInsideAJsonStringIsMaskedToo() {
    String r = RedactingConverter.redact("body=\"{\\\"password\\\":\\\"two words\\\"}\"");
    assertFalse(r.contains("two words"), r);
  }

  @Test
  void anUnquotedPassphraseIsMaskedToTheEndOfTheLineNotCutAtASpace() {
    String r = RedactingConverter.redact("password=correct horse, battery\nnext line");
    assertEquals("password=[redacted]\nnext line", r);
  }

  @Test
  void authorizationHeadersAreMaskedWhole() {
    assertEquals(
        "Authorization: [redacted]",
        RedactingConverter.redact("Authorization: Bearer abc.def-123 second"));
    assertEquals(
        "{\"Authorization\":\"[redacted]\"}",
        RedactingConverter.redact("{\"Authorization\":\"Bearer abc.def\"}"));
    assertEquals("sent Bearer [redacted] to x", RedactingConverter.redact("sent Bearer abc to x"));
  }

  @Test
  void passwordsInUrlsAreMasked() {
    String r = RedactingConverter.redact("GET https://bob:s3cret@coder.example.com/api");
    assertEquals("GET https://[redacted]@coder.example.com/api", r);
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String s = "Synced coder.example.com: 1,000 new events (resource_type api_key)";
    assertEquals(s, RedactingConverter.redact(s));
  }

  @Test
  void aHugeLineIsRedactedInLinearTime() {
    // A name-like run of 400,000 characters made a per-position pattern quadratic.
    String line = "dev.auditdesk.x-".repeat(25_000) + "token=abc def";
    String r =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> RedactingConverter.redact(line));
    assertTrue(r.endsWith("token=[redacted]"), r.substring(r.length() - 40));
  }
}
