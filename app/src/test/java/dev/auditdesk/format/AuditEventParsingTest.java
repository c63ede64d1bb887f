package dev.auditdesk.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.coder.CoderClient;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Events as the two Coder generations wrote them, and the odd cases real servers send. */
class AuditEventParsingTest {

  /** One element of {@code GET /api/v2/audit} from a Coder v2 deployment (2.2x). */
  static final String V2_EVENT =
      """
      {"id":"7a9cc2a1-48b4-4d49-8c9e-0e3e1c1f4f51","request_id":"0a1e5a43-6fbb-4b52-a3d5-c2c3e1b0d6a7",
       "time":"2025-03-14T09:26:53.589793Z","ip":"2001:db8:85a3::8a2e:370:7334",
       "user_agent":"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0","resource_type":"template",
       "resource_id":"3f6a0b0e-9d8e-4d0b-9f5b-1b9b2f1d2c3e","resource_target":"python-dev",
       "resource_icon":"/icon/python.svg","action":"write",
       "diff":{"default_ttl":{"old":28800000000000,"new":43200000000000,"secret":false},
               "hashed_password":{"old":"","new":"","secret":true}},
       "status_code":200,"additional_fields":{},"description":"{user} updated template {target}",
       "resource_link":"/templates/python-dev","is_deleted":false,
       "organization_id":"e0a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b",
       "organization":{"id":"e0a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","name":"coder","display_name":"Coder","icon":""},
       "user":{"id":"1c6d8e3b-2a4f-4b7d-9e1a-3f5c7b9d1e2f","username":"alice","name":"Alice Smith",
               "email":"alice@example.com","created_at":"2024-01-02T10:00:00Z","status":"active",
               "login_type":"password","roles":[{"name":"owner","display_name":"Owner"}]}}
      """;

  /**
   * A v1 ("Coder Enterprise") audit record as a log platform stores it: the event under {@code
   * message.fields.audit_log}, with v1's flat user fields and v1 action names.
   */
  static final String V1_LOG_LINE =
      """
      {"@timestamp":"2021-09-03T14:05:11.421Z","host":"coderd-7d9f","message":{"ts":"2021-09-03T14:05:11.421031Z",
       "level":"INFO","msg":"audit_log","logger_names":["coderd","audit"],
       "fields":{"audit_log":{"id":"0b6b1b8e-1f3e-4c8a-8e4b-2c8e9b6f1a11","time":"2021-09-03T19:35:11.421031+05:30",
         "user_id":"5f1e8c7a-0c1d4e5f","username":"bob","email":"bob@example.com","organization_id":"default",
         "action":"auto_off","resource_type":"environment","resource_id":"5f2b-env-17",
         "resource_target":"bobs-env","ip":"10.0.4.17","status_code":200,
         "additional_fields":"{\\"reason\\":\\"idle\\",\\"idle_minutes\\":120}"}}}}
      """;

  @Test
  void aV2EventKeepsEveryTypedField() throws Exception {
    AuditEvent e = AuditEventJson.parse(V2_EVENT);
    assertEquals("7a9cc2a1-48b4-4d49-8c9e-0e3e1c1f4f51", e.id());
    assertEquals(Instant.parse("2025-03-14T09:26:53.589793Z"), e.time());
    assertEquals("2001:db8:85a3::8a2e:370:7334", e.ip());
    assertEquals("template", e.resourceType());
    assertEquals("write", e.action());
    assertEquals("python-dev", e.resourceTarget());
    assertEquals("coder", e.organization().name());
    assertEquals("alice", e.actor().username());
    assertEquals("alice updated template python-dev", e.filledDescription());
    FieldChange secret = e.diff().stream().filter(FieldChange::secret).findFirst().orElseThrow();
    assertEquals("hashed_password", secret.field());
    assertEquals(V2_EVENT, e.rawJson());
  }

  @Test
  void aV1LogLineIsReadFromUnderMessageFieldsAuditLog() throws Exception {
    AuditEvent e = AuditEventJson.parseLogLine(V1_LOG_LINE.replace("\n", ""));
    assertEquals("auto_off", e.action());
    assertEquals("environment", e.resourceType());
    assertEquals("bob", e.actor().username());
    assertEquals("bob@example.com", e.actor().email());
    assertEquals("default", e.organization().id());
    assertEquals(Instant.parse("2021-09-03T14:05:11.421031Z"), e.time());
    assertTrue(e.additionalFieldsJson().contains("\"idle_minutes\":120"), e.additionalFieldsJson());
    JsonNode raw = AuditEventJson.mapper().readTree(e.rawJson());
    assertEquals("auto_off", raw.path("action").asText());
  }

  @Test
  void aLogLineWhoseMessageIsJsonTextIsReadToo() throws Exception {
    String inner =
        AuditEventJson.mapper()
            .createObjectNode()
            .set(
                "fields",
                AuditEventJson.mapper()
                    .createObjectNode()
                    .set("audit_log", AuditEventJson.mapper().readTree(V2_EVENT)))
            .toString();
    String line = AuditEventJson.mapper().createObjectNode().put("message", inner).toString();
    assertEquals("alice", AuditEventJson.parseLogLine(line).actor().username());
  }

  @Test
  void aSystemActionHasNoUser() throws Exception {
    AuditEvent e =
        AuditEventJson.parse(
            """
            {"id":"a1","time":"2025-01-06T07:00:02Z","action":"start","resource_type":"workspace_build",
             "resource_target":"dev","user":null,"description":"{user} started workspace {target}",
             "additional_fields":{"build_reason":"autostart","workspace_owner":"alice"}}
            """);
    assertEquals(Actor.SYSTEM, e.actor());
    assertEquals("autostart", e.buildReason());
    assertEquals("Coder started workspace dev", e.filledDescription());
  }

  @Test
  void organizationMayBeMissingOrAnIdOnly() throws Exception {
    assertFalse(
        AuditEventJson.parse("{\"id\":\"a\",\"time\":\"2025-01-01T00:00:00Z\"}")
            .organization()
            .isKnown());
    AuditEvent idOnly =
        AuditEventJson.parse(
            "{\"id\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"organization_id\":\"org-1\"}");
    assertEquals("org-1", idOnly.organization().id());
    assertEquals("org-1", idOnly.organization().label());
  }

  @ParameterizedTest
  @CsvSource({
    "2025-01-01T10:00:00Z, 2025-01-01T10:00:00Z",
    "2025-01-01T10:00:00.5Z, 2025-01-01T10:00:00.500Z",
    "2025-01-01T10:00:00.12Z, 2025-01-01T10:00:00.120Z",
    "2025-01-01T10:00:00.123Z, 2025-01-01T10:00:00.123Z",
    "2025-01-01T10:00:00.1234Z, 2025-01-01T10:00:00.123400Z",
    "2025-01-01T10:00:00.12345Z, 2025-01-01T10:00:00.123450Z",
    "2025-01-01T10:00:00.123456Z, 2025-01-01T10:00:00.123456Z",
    "2025-01-01T10:00:00.1234567Z, 2025-01-01T10:00:00.123456700Z",
    "2025-01-01T10:00:00.12345678Z, 2025-01-01T10:00:00.123456780Z",
    "2025-01-01T10:00:00.123456789Z, 2025-01-01T10:00:00.123456789Z",
    "2025-01-01T15:30:00.25+05:30, 2025-01-01T10:00:00.250Z",
    "2025-01-01T03:00:00-07:00, 2025-01-01T10:00:00Z"
  })
  void timesWithZeroToNineFractionalDigitsAndAnyOffsetAreRead(String text, String utc)
      throws Exception {
    AuditEvent e = AuditEventJson.parse("{\"id\":\"a\",\"time\":\"" + text + "\"}");
    assertEquals(Instant.parse(utc), e.time());
    assertEquals(text, e.timeText());
  }

  @Test
  void unknownActionsTypesAndFieldsAreKept() throws Exception {
    String json =
        "{\"id\":\"a\",\"time\":\"2030-01-01T00:00:00Z\",\"action\":\"teleport\","
            + "\"resource_type\":\"quantum_workspace\",\"ip\":\"::1\","
            + "\"future_field\":{\"nested\":[1,2,3]}}";
    AuditEvent e = AuditEventJson.parse(json);
    assertEquals("teleport", e.action());
    assertEquals("quantum_workspace", e.resourceType());
    assertEquals("::1", e.ip());
    assertTrue(e.rawJson().contains("\"future_field\":{\"nested\":[1,2,3]}"));
  }

  @Test
  void anElementWithoutIdOrReadableTimeIsMalformedWithAReason() {
    assertTrue(
        assertThrows(
                AuditEventJson.MalformedEventException.class,
                () -> AuditEventJson.parse("{\"time\":\"2025-01-01T00:00:00Z\"}"))
            .getMessage()
            .contains("id"));
    assertTrue(
        assertThrows(
                AuditEventJson.MalformedEventException.class,
                () -> AuditEventJson.parse("{\"id\":\"a\",\"time\":\"yesterday\"}"))
            .getMessage()
            .contains("yesterday"));
  }

  /** The fast reader must give exactly what the tree reader gives, odd shapes included. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        V2_EVENT,
        "{\"id\":42,\"time\":\"2025-01-01T00:00:00Z\",\"status_code\":\"403\","
            + "\"is_deleted\":\"true\",\"ip\":null,\"action\":{\"odd\":[1,2]}}",
        "{\"id\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"organization\":null,"
            + "\"organization_id\":\"org-1\",\"user\":null,\"user_id\":\"u-1\","
            + "\"username\":\"bob\",\"email\":\"b@x\",\"diff\":{\"x\":3,\"y\":{\"new\":[1]}}}",
        "{\"id\":\"a\",\"id\":\"b\",\"time\":\"2025-01-01T00:00:00Z\",\"user\":{\"id\":7,"
            + "\"username\":true},\"additional_fields\":\"{\\\"build_reason\\\":\\\"cli\\\"}\"}",
        "{\"id\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"additional_fields\":\"not json\","
            + "\"status_code\":200.0,\"is_deleted\":1,\"diff\":null}",
        "{\"id\":\"a\",\"time\":\"2025-01-01T00:00:00Z\",\"organization\":\"text\","
            + "\"additional_fields\":{\"build_reason\":\"autostart\",\"n\":[{}]}}"
      })
  void theStreamingReaderAgreesWithTheTreeReader(String json) throws Exception {
    AuditEvent streamed = AuditEventJson.parse(json);
    AuditEvent tree = AuditEventJson.fromNode(AuditEventJson.mapper().readTree(json), json);
    assertEquals(tree, streamed);
  }

  @Test
  void everyDemoEventReadsTheSameThroughTheStreamingAndTheTreeReader() throws Exception {
    dev.auditdesk.demo.DemoServer s =
        dev.auditdesk.demo.DemoServer.start(
            dev.auditdesk.demo.DemoConfig.defaults().withEvents(5_000).withPort(0));
    try (s;
        CoderClient c = CoderClient.create(new dev.auditdesk.model.Deployment(s.url(), ""))) {
      c.login(s.email(), s.password().toCharArray());
      int seen = 0;
      for (int offset = 0; offset < 5_000; offset += 1_000) {
        for (AuditEvent e : c.auditPage("", 1_000, offset).events()) {
          JsonNode n = AuditEventJson.mapper().readTree(e.rawJson());
          assertEquals(AuditEventJson.fromNode(n, e.rawJson()), e);
          seen++;
        }
      }
      assertEquals(5_000, seen);
    }
  }

  @Test
  void theFastTimeReaderAgreesWithTheFormatterOnManyShapes() throws Exception {
    java.util.Random r = new java.util.Random(7);
    String[] offsets = {"Z", "z", "+00:00", "+05:30", "-07:00", "+14:00", "-12:45"};
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 8_000_000_000L), 0);
      String offset = offsets[r.nextInt(offsets.length)];
      java.time.ZoneOffset zone =
          offset.equalsIgnoreCase("z") ? java.time.ZoneOffset.UTC : java.time.ZoneOffset.of(offset);
      int digits = r.nextInt(10);
      String fraction = "";
      if (digits > 0) {
        fraction = "." + String.format("%09d", r.nextInt(1_000_000_000)).substring(0, digits);
      }
      String text =
          java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                  .format(t.atOffset(zone))
              + fraction
              + offset;
      Instant expected =
          java.time.OffsetDateTime.parse(
                  text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant();
      assertEquals(expected, EventTime.parse(text), text);
    }
    for (String bad :
        new String[] {
          "2025-02-30T00:00:00Z",
          "2025-13-01T00:00:00Z",
          "2025-01-01T24:00:00Z",
          "2025-01-01T00:00:00",
          "2025-01-01T00:00:00.1234567890Z",
          "2025-01-01T00:00:00+5:30"
        }) {
      assertThrows(AuditEventJson.MalformedEventException.class, () -> EventTime.parse(bad), bad);
    }
  }
}
