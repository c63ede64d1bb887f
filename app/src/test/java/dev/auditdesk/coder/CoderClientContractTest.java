package dev.auditdesk.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.DemoDeployments;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoConfig.Fault;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against the demo deployment over real HTTP on loopback: every endpoint and failure.
 */
class CoderClientContractTest {

  @RegisterExtension final DemoDeployments demos = new DemoDeployments();

  private DemoServer demo(DemoConfig cfg) {
    return demos.start(cfg);
  }

  private DemoServer demo() {
    return demo(DemoConfig.defaults().withEvents(3_000));
  }

  /** The client's failure on the newest page of the audit log. */
  private static CoderException auditPageFails(CoderClient c, int limit) {
    return assertThrows(CoderException.class, () -> c.auditPage("", limit, 0));
  }

  @Test
  void buildInfoIdentifiesTheDemoAsACoderDeployment() throws Exception {
    DemoServer s = demo();
    BuildInfo info = demos.client(s.url()).buildInfo();
    assertTrue(info.version().startsWith("v2."), info.version());
    assertEquals(s.deploymentId(), info.deploymentId());
  }

  @Test
  void loginGivesATokenThatMeAccepts() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.client(s.url());
    SessionToken t = c.login(s.email(), s.password().toCharArray());
    assertFalse(t.toString().contains(t.reveal()));
    CoderUser me = c.me();
    assertEquals(s.email(), me.email());
    assertTrue(me.roles().contains("auditor"), me.roles().toString());
  }

  @Test
  void aPastedTokenWorksInAnotherClient() throws Exception {
    DemoServer s = demo();
    SessionToken t = demos.signedIn(s).login(s.email(), s.password().toCharArray());
    CoderClient other = demos.client(s.url());
    other.useToken(t);
    assertEquals("demo", other.me().username());
  }

  @Test
  void entitlementsTellWhetherTheDeploymentRecordsAuditEvents() throws Exception {
    assertTrue(demos.signedIn(demo()).entitlements().recordsAuditEvents());
    DemoServer off = demo(DemoConfig.defaults().withEvents(10).withAuditEntitled(false));
    Entitlements e = demos.signedIn(off).entitlements();
    assertFalse(e.recordsAuditEvents());
    assertEquals("not_entitled", e.auditLogEntitlement());
  }

  @Test
  void auditPagesComeNewestFirstWithTheCountCapped() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.signedIn(s);
    AuditPage p = c.auditPage("", 100, 0);
    assertEquals(100, p.events().size());
    assertEquals(2001, p.count());
    assertEquals(2000, p.countCap());
    assertTrue(p.countCapped());
    for (int i = 1; i < p.events().size(); i++) {
      assertFalse(p.events().get(i).time().isAfter(p.events().get(i - 1).time()));
    }
    AuditPage next = c.auditPage("", 100, 100);
    assertFalse(next.events().get(0).time().isAfter(p.events().get(99).time()));
    assertTrue(c.auditPage("", 100, 10_000).events().isEmpty());
  }

  @Test
  void pagingThroughEverythingYieldsEveryEventOnce() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.signedIn(s);
    Set<String> ids = new HashSet<>();
    int pages = 0;
    for (long offset = 0; ; offset += 500) {
      AuditPage p = c.auditPage("", 500, offset);
      pages++;
      p.events().forEach(e -> ids.add(e.id()));
      assertTrue(p.malformed().isEmpty());
      if (p.received() < 500) {
        break;
      }
    }
    assertEquals(3_000, ids.size());
    assertEquals(7, pages);
  }

  @Test
  void systemEventsHaveNoUserAndCarryTheBuildReason() throws Exception {
    CoderClient c = demos.signedIn(demo());
    AuditPage p = c.auditPage("build_reason:autostart", 20, 0);
    assertFalse(p.events().isEmpty());
    for (AuditEvent e : p.events()) {
      assertEquals(Actor.SYSTEM, e.actor());
      assertEquals("autostart", e.buildReason());
      assertEquals("start", e.action());
    }
  }

  @Test
  void theServerFiltersBySearchTerms() throws Exception {
    CoderClient c = demos.signedIn(demo());
    AuditPage p = c.auditPage("action:login resource_type:api_key", 50, 0);
    assertFalse(p.events().isEmpty());
    p.events().forEach(e -> assertEquals("login", e.action()));
    AuditPage mine = c.auditPage("username:me", 50, 0);
    mine.events().forEach(e -> assertEquals("demo", e.actor().username()));
    assertTrue(p.count() < 2001);
  }

  @Test
  void logoutEndsTheSessionServerSide() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.signedIn(s);
    SessionToken t = c.login(s.email(), s.password().toCharArray());
    c.logout();
    assertFalse(c.hasToken());
    CoderClient reuse = demos.client(s.url());
    reuse.useToken(t);
    assertEquals(Kind.TOKEN_EXPIRED, assertThrows(CoderException.class, reuse::me).kind());
  }

  @Test
  void gzippedAnswersAreUnpackedTransparently() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(500).withGzip(true));
    AuditPage p = demos.signedIn(s).auditPage("", 200, 0);
    assertEquals(200, p.events().size());
  }

  // ------------------------------------------------------------------------- failures

  @Test
  void wrongPasswordIsBadCredentials() throws Exception {
    DemoServer s = demo();
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> demos.client(s.url()).login(s.email(), "nope".toCharArray()));
    assertEquals(Kind.BAD_CREDENTIALS, e.kind());
    assertEquals(401, e.httpStatus());
    assertTrue(e.userMessage().contains("Incorrect email or password."), e.userMessage());
  }

  @Test
  void anExpiredTokenIsTokenExpiredOnEveryCall() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.signedIn(s);
    s.expireAllTokens();
    CoderException e = auditPageFails(c, 10);
    assertEquals(Kind.TOKEN_EXPIRED, e.kind());
    assertTrue(e.userMessage().contains("Sign in again"), e.userMessage());
    assertEquals(Kind.TOKEN_EXPIRED, assertThrows(CoderException.class, c::me).kind());
    assertEquals(Kind.TOKEN_EXPIRED, assertThrows(CoderException.class, c::entitlements).kind());
  }

  @Test
  void aUserWithoutTheAuditorRoleIsForbidden() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.client(s.url());
    c.login(s.memberEmail(), s.password().toCharArray());
    CoderException e = auditPageFails(c, 10);
    assertEquals(Kind.FORBIDDEN, e.kind());
    assertEquals(403, e.httpStatus());
    assertTrue(e.userMessage().contains("Auditor role"), e.userMessage());
    assertFalse(e.detail().isEmpty());
  }

  @Test
  void aBadSearchIsBadQueryWithTheFieldAndDetail() throws Exception {
    CoderClient c = demos.signedIn(demo());
    CoderException e = assertThrows(CoderException.class, () -> c.auditPage("colour:red", 10, 0));
    assertEquals(Kind.BAD_QUERY, e.kind());
    assertEquals("colour", e.validations().get(0).field());
    assertTrue(e.userMessage().contains("colour"), e.userMessage());
    CoderException date =
        assertThrows(CoderException.class, () -> c.auditPage("date_from:2024-13-45", 10, 0));
    assertEquals("date_from", date.validations().get(0).field());
  }

  @Test
  void aPageLargerThanTheServerAllowsNamesLimit() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(100).withMaxPageSize(50));
    CoderClient c = demos.signedIn(s);
    CoderException e = auditPageFails(c, 100);
    assertEquals(Kind.BAD_QUERY, e.kind());
    assertEquals("limit", e.validations().get(0).field());
    assertEquals(50, c.auditPage("", 50, 0).events().size());
  }

  @Test
  void rateLimitingCarriesRetryAfter() throws Exception {
    DemoServer s =
        demo(
            DemoConfig.defaults()
                .withEvents(100)
                .withFault(1, Fault.RATE_LIMITED)
                .withRetryAfterSeconds(7));
    CoderClient c = demos.signedIn(s);
    CoderException e = auditPageFails(c, 10);
    assertEquals(Kind.RATE_LIMITED, e.kind());
    assertEquals(Duration.ofSeconds(7), e.retryAfter());
    assertTrue(e.kind().transientFailure());
    assertEquals(10, c.auditPage("", 10, 0).events().size());
  }

  @Test
  void aServerErrorIsTransientAndKeepsTheServerMessage() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(100).withFault(1, Fault.UNAVAILABLE));
    CoderClient c = demos.signedIn(s);
    CoderException e = auditPageFails(c, 10);
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertEquals(503, e.httpStatus());
    assertTrue(e.userMessage().contains("temporarily unavailable"), e.userMessage());
    assertFalse(e.detail().isEmpty());
  }

  @Test
  void aTruncatedBodyIsBadResponse() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(300).withFault(1, Fault.TRUNCATED_JSON));
    CoderClient c = demos.signedIn(s);
    CoderException e = auditPageFails(c, 100);
    assertEquals(Kind.BAD_RESPONSE, e.kind());
    assertEquals(100, c.auditPage("", 100, 0).events().size());
  }

  @Test
  void aConnectionDroppedMidAnswerIsBadResponse() throws Exception {
    DemoServer s =
        demo(DemoConfig.defaults().withEvents(300).withFault(1, Fault.CONNECTION_DROPPED));
    CoderClient c = demos.signedIn(s);
    CoderException e = auditPageFails(c, 100);
    assertEquals(Kind.BAD_RESPONSE, e.kind());
    assertTrue(e.userMessage().contains("cut off"), e.userMessage());
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    DemoServer s =
        demo(
            DemoConfig.defaults()
                .withEvents(100)
                .withFault(1, Fault.SLOW)
                .withSlowDelay(Duration.ofSeconds(2)));
    CoderClient c =
        demos.client(s.url(), ClientOptions.defaults().withReadTimeout(Duration.ofMillis(300)));
    c.login(s.email(), s.password().toCharArray());
    CoderException e = auditPageFails(c, 10);
    assertEquals(Kind.TIMEOUT, e.kind());
  }

  @Test
  void aWebPageInsteadOfCoderIsNotCoder() throws Exception {
    DemoServer s = demo();
    CoderException e =
        assertThrows(
            CoderException.class, () -> demos.client(s.url().resolve("/dashboard")).buildInfo());
    assertEquals(Kind.NOT_CODER, e.kind());
    assertTrue(e.userMessage().contains("web page"), e.userMessage());
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> demos.client(URI.create("http://127.0.0.1:" + port)).buildInfo());
    assertEquals(Kind.UNREACHABLE, e.kind());
    assertTrue(e.userMessage().contains("Nothing answered"), e.userMessage());
  }

  @Test
  void anUnknownHostIsUnreachable() throws Exception {
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> demos.client(URI.create("https://no-such-host.invalid")).buildInfo());
    assertEquals(Kind.UNREACHABLE, e.kind());
  }

  @Test
  void newEventsArrivingWhilePagingPushOlderOnesDown() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(1_000).withNewEventsPerRequest(5));
    CoderClient c = demos.signedIn(s);
    AuditPage first = c.auditPage("", 100, 0);
    AuditPage second = c.auditPage("", 100, 100);
    Set<String> firstIds = new HashSet<>();
    first.events().forEach(e -> firstIds.add(e.id()));
    long repeated = second.events().stream().filter(e -> firstIds.contains(e.id())).count();
    assertEquals(5, repeated);
  }

  @Test
  void retentionRemovesTheOldestEvents() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(1_000).withRetention(2, 400));
    CoderClient c = demos.signedIn(s);
    AuditPage before = c.auditPage("", 1000, 0);
    AuditPage after = c.auditPage("", 1000, 0);
    assertEquals(1_000, before.events().size());
    assertEquals(600, after.events().size());
    assertEquals(before.events().get(599).id(), after.events().get(599).id());
  }

  @Test
  void lateEventsAppearWithOldTimestamps() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(2_000).withLateEvents(10, 2));
    CoderClient c = demos.signedIn(s);
    AuditPage before = c.auditPage("", 2000, 0);
    AuditPage after = c.auditPage("", 2000, 0);
    assertEquals(1_990, before.events().size());
    assertEquals(2_000, after.events().size());
    assertEquals(before.events().get(0).id(), after.events().get(0).id());
    assertNotEquals(before.events().get(before.events().size() / 10).id(), "");
  }

  @Test
  void aSingleUnreadableEventIsKeptAsideNotDroppedAndNotFatal() throws Exception {
    DemoServer s = demo(DemoConfig.defaults().withEvents(100).withFault(1, Fault.MALFORMED_EVENT));
    AuditPage p = demos.signedIn(s).auditPage("", 50, 0);
    assertEquals(50, p.events().size());
    assertEquals(1, p.malformed().size());
    assertTrue(p.malformed().get(0).contains("injected malformed event"), p.malformed().get(0));
    assertEquals(51, p.received());
  }

  @Test
  void aWebPageInsteadOfTheAuditLogIsBadResponse() throws Exception {
    DemoServer s = demo();
    CoderClient c = demos.client(s.url().resolve("/dashboard"));
    c.useToken(new SessionToken("AbCdEfGhIj-0123456789abcdefghijKL"));
    CoderException e = auditPageFails(c, 10);
    assertEquals(Kind.BAD_RESPONSE, e.kind());
    assertTrue(
        e.userMessage().contains("a web page instead of a page of the audit log"), e.userMessage());
  }

  @Test
  void anUnknownApiPathIsNotCoder() throws Exception {
    DemoServer s = demo();
    CoderException e =
        assertThrows(CoderException.class, () -> demos.client(s.url().resolve("/api")).buildInfo());
    assertEquals(Kind.NOT_CODER, e.kind());
  }

  @Test
  void callsWithoutSigningInAskToSignIn() throws Exception {
    CoderException e =
        assertThrows(CoderException.class, () -> demos.client(demo().url()).auditPage("", 10, 0));
    assertEquals(Kind.TOKEN_EXPIRED, e.kind());
    assertTrue(e.userMessage().contains("Sign in first"), e.userMessage());
  }
}
