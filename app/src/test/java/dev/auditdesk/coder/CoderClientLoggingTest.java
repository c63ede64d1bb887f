package dev.auditdesk.coder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.auditdesk.Logging;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CoderClientLoggingTest {

  private static final String[] LOGGERS = {
    "ROOT",
    "dev.auditdesk",
    "org.apache.hc",
    "org.apache.hc.client5.http.wire",
    "org.apache.hc.client5.http.headers"
  };

  @Test
  void aRealSignInAtDebugLevelNeverWritesTheTokenOrPassword() throws Exception {
    Logging.init();
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Map<String, Level> before = new HashMap<>();
    for (String name : LOGGERS) {
      before.put(name, ctx.getLogger(name).getLevel());
      // Everything, including HttpClient's wire log, as a user debugging a problem might set it.
      ctx.getLogger(name).setLevel(Level.DEBUG);
    }
    String token;
    try (DemoServer s = DemoServer.start(DemoConfig.defaults().withEvents(20));
        CoderClient c = CoderClient.create(new Deployment(s.url(), ""))) {
      token = c.login(s.email(), s.password().toCharArray()).reveal();
      c.me();
      c.auditPage("", 5, 0);
      c.logout();
    } finally {
      before.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
    }
    Path file = Path.of(System.getProperty("auditdesk.logdir"), "auditdesk.log");
    String text = Files.readString(file);
    assertTrue(text.contains("GET /api/v2/users/me -> 200"), "debug lines were written");
    assertFalse(text.contains(token), "the session token reached the log");
    assertFalse(text.contains(DemoServer.PASSWORD), "the password reached the log");
  }
}
