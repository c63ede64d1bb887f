package dev.auditdesk.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.Organization;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The event parser, for any input: JSON-ish text, or a tree with any value in any field, is read or
 * reported as a {@link MalformedEventException}, never anything else; and every event written out
 * reads back with the same fields.
 */
class AuditEventJsonPropertiesTest {

  private static final String[] FIELDS = {
    "id",
    "request_id",
    "time",
    "organization",
    "organization_id",
    "user",
    "user_id",
    "username",
    "email",
    "ip",
    "user_agent",
    "resource_type",
    "resource_id",
    "resource_target",
    "resource_icon",
    "resource_link",
    "action",
    "description",
    "diff",
    "additional_fields",
    "status_code",
    "is_deleted",
    "message",
    "fields"
  };

  @Property(tries = 200)
  void jsonIshTextIsReadOrReportedAsMalformed(@ForAll("jsonIsh") String text) {
    boolean read;
    try {
      AuditEventJson.parse(text);
      read = true;
    } catch (MalformedEventException expected) {
      read = false;
    }
    try {
      AuditEventJson.parseLogLine(text);
    } catch (MalformedEventException expected) {
      // reported, as it must be
    }
    Statistics.label("read").collect(read);
  }

  @Property(tries = 200)
  void anyValueInAnyFieldIsReadOrReportedAsMalformed(@ForAll("eventTrees") JsonNode tree)
      throws IOException {
    String text = tree.toString();
    boolean read;
    try {
      AuditEvent e = AuditEventJson.parse(text);
      // The streaming reader and the tree reader agree.
      assertEquals(e, AuditEventJson.fromNode(tree, text));
      read = true;
    } catch (MalformedEventException expected) {
      read = false;
    }
    Statistics.label("read").collect(read).coverage(c -> c.check(true).percentage(p -> p > 20));
  }

  @Property(tries = 200)
  void everyEventWrittenOutReadsBackWithTheSameFields(@ForAll("events") AuditEvent e)
      throws Exception {
    String json = AuditEventJsonWriter.toJson(e);
    AuditEvent back = AuditEventJson.parse(json);
    assertEquals(e.withRawJson(json), back);
  }

  @Property(tries = 500)
  void diffsAndAdditionalFieldsReadFromTheTokensAsFromTheTree(@ForAll("oddEvents") String text)
      throws Exception {
    // Written as text, not from a tree, so repeated keys and number spellings reach the reader.
    AuditEvent tree = AuditEventJson.fromNode(AuditEventJson.mapper().readTree(text), text);
    assertEquals(tree, AuditEventJson.parse(text));
  }

  @Example
  void aHugeSecretDiffReadsAsTheTreeReadsIt() throws Exception {
    String huge = "\"" + "\u202e=cmd|' /C calc'!A0 ".repeat(20_000) + "\"";
    diffsAndAdditionalFieldsReadFromTheTokensAsFromTheTree(
        "{\"id\":\"e\",\"time\":\"2024-01-01T00:00:00Z\",\"diff\":{\"token\":{\"old\":"
            + huge
            + ",\"new\":"
            + huge
            + ",\"secret\":true},\"name\":{\"old\":null,\"new\":"
            + huge
            + "}},\"additional_fields\":{\"build_reason\":"
            + huge
            + "}}");
  }

  @Property(tries = 300)
  void manyTextsReadWithOneParserAsEachAlone(@ForAll("mixedTexts") List<String> texts) {
    String[] json = texts.toArray(String[]::new);
    List<AuditEvent> together = JsonObjects.parseEach(json, AuditEventJson::read);
    assertEquals(json.length, together.size());
    int read = 0;
    for (int i = 0; i < json.length; i++) {
      AuditEvent alone;
      try {
        alone = json[i] == null ? null : AuditEventJson.parse(json[i]);
      } catch (MalformedEventException e) {
        alone = null;
      }
      assertEquals(alone, together.get(i), "text " + i + ": " + json[i]);
      read += alone != null ? 1 : 0;
    }
    Statistics.label("all read").collect(read == json.length);
  }

  @Example
  void aTextThatRunsIntoTheNextOrHasTextAfterItIsReadAlone() {
    String ok = "{\"id\":\"a\",\"time\":\"2024-01-01T00:00:00Z\"}";
    manyTextsReadWithOneParserAsEachAlone(
        java.util.Arrays.asList(
            ok,
            "{\"id\":\"b\",\"time\":\"2024-01-01T00:00:00Z\",\"diff\":",
            "{\"x\":1}}",
            ok + " {}",
            " \t" + ok + "\r\n",
            null,
            "",
            ok + "\u000b",
            ok));
  }

  // Edge cases kept as examples: they run on every build, whatever the random seed.

  @Example
  void deepNestingAndHugeNumbersAreReported() {
    jsonIshTextIsReadOrReportedAsMalformed("[".repeat(5_000));
    jsonIshTextIsReadOrReportedAsMalformed(
        "{\"id\":\"a\",\"time\":\"2024-01-01T00:00:00Z\",\"status_code\":1"
            + "0".repeat(2_000)
            + "}");
    jsonIshTextIsReadOrReportedAsMalformed(
        "{\"id\":\"a\",\"time\":\"2024-01-01T00:00:00Z\",\"diff\":" + "[".repeat(3_000) + "}");
  }

  @Example
  void oddTimesAreReadOrReported() {
    for (String t :
        List.of(
            "2024-02-30T00:00:00Z",
            "2024-01-01T00:00:00.1234567890Z",
            "2024-01-01 00:00:00+18:00",
            "+999999999-12-31T23:59:59-18:00",
            "2024-01-01T24:00:00Z",
            "\u0661\u0669\u0667\u0660-01-01T00:00:00Z")) {
      jsonIshTextIsReadOrReportedAsMalformed("{\"id\":\"a\",\"time\":\"" + t + "\"}");
    }
  }

  @Provide
  Arbitrary<String> jsonIsh() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(FIELDS).map(f -> "\"" + f + "\":"),
            Arbitraries.of(
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "null",
                "true",
                "1e999",
                "-0",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\"2024-01-01T00:00:00Z\"",
                "\"x\"",
                "{\"id\":\"a\",",
                "\\"),
            Arbitraries.strings().ofMaxLength(5));
    return piece.list().ofMaxSize(20).map(l -> String.join("", l));
  }

  /** Lists of texts as a cache holds them: events, odd events, junk, nulls, padding. */
  @Provide
  Arbitrary<List<String>> mixedTexts() {
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, oddEvents()),
            net.jqwik.api.Tuple.of(2, jsonIsh()),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(
                        Arbitraries.of("", " ", "\n", "\t ", "\u000b"),
                        oddEvents(),
                        Arbitraries.of("", " ", "\r\n", " x", "}", "{"))
                    .as((a, b, c) -> a + b + c)));
    return text.list().ofMaxSize(12);
  }

  /** Events whose diff and additional_fields hold any value in any shape, written as text. */
  @Provide
  Arbitrary<String> oddEvents() {
    Arbitrary<String> key =
        Arbitraries.oneOf(
                Arbitraries.of("old", "new", "secret", "build_reason", "name", "ttl_ms"),
                Arbitraries.strings().ofMaxLength(4))
            .map(AuditEventJsonPropertiesTest::quote);
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12).map(AuditEventJsonPropertiesTest::quote),
            Arbitraries.of("\"caf\u00e9 \ud83d\ude00\"", "\"\\u0000\\n\\\"\"", "\"=1+1\"", "\"\""),
            Arbitraries.of(
                "null", "true", "false", "0", "-0", "7", "-2147483649", "9223372036854775808"),
            Arbitraries.of(
                "123456789012345678901234567890", "1.50", "1e2", "-0.0", "1E-7", "2.5e400"),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf));
    Arbitrary<String> value =
        Arbitraries.oneOf(
            scalar,
            scalar,
            scalar.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
            Combinators.combine(key, scalar)
                .as((k, v) -> k + ":" + v)
                .list()
                .ofMaxSize(3)
                .map(l -> "{" + String.join(",", l) + "}"));
    Arbitrary<String> change =
        Arbitraries.oneOf(
            value,
            Combinators.combine(Arbitraries.of("\"old\"", "\"new\"", "\"secret\"", "\"x\""), value)
                .as((k, v) -> k + ":" + v)
                .list()
                .ofMaxSize(5)
                .map(l -> "{" + String.join(",", l) + "}"));
    Arbitrary<String> members =
        Combinators.combine(key, change)
            .as((k, v) -> k + ":" + v)
            .list()
            .ofMaxSize(5)
            .map(l -> "{" + String.join(",", l) + "}");
    Arbitrary<String> container =
        Arbitraries.oneOf(
            members,
            members,
            value,
            members.map(m -> quote(m)),
            Arbitraries.just("\"{\\\"build_reason\\\":7}\""),
            Arbitraries.just("\"not json\""));
    return Combinators.combine(container, container, Arbitraries.of(true, false))
        .as(
            (diff, extra, twice) ->
                "{\"id\":\"e\",\"time\":\"2024-01-01T00:00:00Z\","
                    + (twice ? "\"diff\":{\"gone\":1},\"additional_fields\":{\"gone\":1}," : "")
                    + "\"diff\":"
                    + diff
                    + ",\"additional_fields\":"
                    + extra
                    + "}");
  }

  private static String quote(String s) {
    return AuditEventJson.mapper().getNodeFactory().textNode(s).toString();
  }

  @Provide
  Arbitrary<JsonNode> eventTrees() {
    Arbitrary<JsonNode> anyValue =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(8).map(s -> text(s)),
            Arbitraries.of("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.5+02:00", "not a time", "")
                .map(s -> text(s)),
            Arbitraries.integers().map(i -> AuditEventJson.mapper().getNodeFactory().numberNode(i)),
            Arbitraries.doubles().map(d -> AuditEventJson.mapper().getNodeFactory().numberNode(d)),
            Arbitraries.of(true, false)
                .map(b -> AuditEventJson.mapper().getNodeFactory().booleanNode(b)),
            Arbitraries.just(AuditEventJson.mapper().getNodeFactory().nullNode()),
            Arbitraries.just(object("id", "u1", "name", "n")),
            Arbitraries.just(object("old", "a", "new", "b")),
            Arbitraries.just(AuditEventJson.mapper().createArrayNode().add(1).add("x")));
    Arbitrary<String> field =
        Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(4));
    return Combinators.combine(field, anyValue)
        .as((k, v) -> java.util.Map.entry(k, v))
        .list()
        .ofMaxSize(12)
        .map(
            entries -> {
              ObjectNode n = AuditEventJson.mapper().createObjectNode();
              n.put("id", "evt");
              n.put("time", "2024-05-06T07:08:09Z");
              for (var en : entries) {
                n.set(en.getKey(), en.getValue());
              }
              return n;
            });
  }

  private static JsonNode text(String s) {
    return AuditEventJson.mapper().getNodeFactory().textNode(s);
  }

  private static ObjectNode object(String... kv) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      n.put(kv[i], kv[i + 1]);
    }
    return n;
  }

  @Provide
  Arbitrary<AuditEvent> events() {
    Arbitrary<String> s = Arbitraries.strings().ofMaxLength(12);
    Arbitrary<String> nonEmpty = Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
    Arbitrary<Instant> time =
        Arbitraries.longs()
            .between(0, 4_102_444_800L)
            .flatMap(
                sec ->
                    Arbitraries.integers()
                        .between(0, 999_999_999)
                        .map(n -> Instant.ofEpochSecond(sec, n % 3 == 0 ? 0 : n)));
    Arbitrary<Actor> actor =
        Arbitraries.oneOf(
            Arbitraries.just(Actor.SYSTEM), Combinators.combine(nonEmpty, s, s, s).as(Actor::new));
    Arbitrary<Organization> org =
        Arbitraries.oneOf(
            Arbitraries.just(Organization.NONE),
            Combinators.combine(nonEmpty, s, s).as(Organization::new));
    Arbitrary<FieldChange> change =
        Combinators.combine(nonEmpty, s, s)
            .as(
                (f, o, n) ->
                    new FieldChange(
                        f,
                        AuditEventJson.mapper().getNodeFactory().textNode(o).toString(),
                        AuditEventJson.mapper().getNodeFactory().textNode(n).toString(),
                        false));
    Arbitrary<List<FieldChange>> diff =
        change.list().ofMaxSize(3).uniqueElements(FieldChange::field);
    Arbitrary<String> buildReason = Arbitraries.oneOf(Arbitraries.just(""), nonEmpty);
    return Combinators.combine(
            Combinators.combine(nonEmpty, s, time, org, s, s, s, s).as(Head::new),
            Combinators.combine(s, s, s, s, diff, Arbitraries.integers().between(0, 599), s)
                .as(Middle::new),
            Combinators.combine(Arbitraries.of(true, false), actor, buildReason).as(Tail::new))
        .as(
            (h, m, t) -> {
              ObjectNode extra = AuditEventJson.mapper().createObjectNode();
              if (!t.buildReason.isEmpty()) {
                extra.put("build_reason", t.buildReason);
              }
              return new AuditEvent(
                  h.id,
                  h.requestId,
                  h.time,
                  h.time.toString(),
                  h.org,
                  h.ip,
                  h.userAgent,
                  h.resourceType,
                  h.resourceId,
                  m.target,
                  m.icon,
                  m.link,
                  m.action,
                  m.diff,
                  m.status,
                  extra.toString(),
                  m.description,
                  t.deleted,
                  t.actor,
                  t.buildReason,
                  "");
            });
  }

  private record Head(
      String id,
      String requestId,
      Instant time,
      Organization org,
      String ip,
      String userAgent,
      String resourceType,
      String resourceId) {}

  private record Middle(
      String target,
      String icon,
      String link,
      String action,
      List<FieldChange> diff,
      int status,
      String description) {}

  private record Tail(boolean deleted, Actor actor, String buildReason) {}
}
