package dev.auditdesk.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.format.CoderQuery.QueryParseException;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoderQueryTest {

  @Test
  void readsCoderSyntaxIntoTheQueryModel() throws Exception {
    AuditQuery q =
        CoderQuery.parse(
            "workspace action:delete resource_target:\"my workspace\" username:alice"
                + " date_from:2024-03-01 date_to:2024-03-31 build_reason:autostart");
    assertEquals(Set.of("workspace"), q.resourceTypes());
    assertEquals(Set.of("delete"), q.actions());
    assertEquals(Set.of("my workspace"), q.resourceTargets());
    assertEquals(Set.of("alice"), q.users());
    assertEquals(Set.of("autostart"), q.buildReasons());
    assertEquals(Instant.parse("2024-03-01T00:00:00Z"), q.range().from());
    // date_to is inclusive to the end of that day.
    assertEquals(Instant.parse("2024-04-01T00:00:00Z"), q.range().to());
  }

  @Test
  void localExtensionsGiveOrWithinAFacetFreeTextAndInstants() throws Exception {
    AuditQuery q =
        CoderQuery.parse(
            "action:create,delete search:\"disk full\" date_from:2024-03-01T09:30:00+02:00");
    assertEquals(Set.of("create", "delete"), q.actions());
    assertEquals("disk full", q.text());
    assertEquals(Instant.parse("2024-03-01T07:30:00Z"), q.range().from());
    assertFalse(q.range().hasTo());
  }

  @Test
  void keysAreCaseInsensitiveAndBlankQueriesMeanEverything() throws Exception {
    assertEquals(Set.of("login"), CoderQuery.parse("ACTION:login").actions());
    assertTrue(CoderQuery.parse("   ").isAll());
    assertEquals("", CoderQuery.render(AuditQuery.ALL));
  }

  @Test
  void rendersInAStableOrderWithQuotesOnlyWhereNeeded() {
    AuditQuery q =
        AuditQuery.ALL
            .with(dev.auditdesk.model.Facet.ACTION, List.of("write", "create"))
            .with(dev.auditdesk.model.Facet.RESOURCE_TARGET, List.of("my template"))
            .withRange(
                new DateRange(
                    Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z")))
            .withText("say \"hi\"");
    assertEquals(
        "resource_target:\"my template\" action:create,write date_from:2024-01-01"
            + " date_to:2024-01-31 search:\"say \\\"hi\\\"\"",
        CoderQuery.render(q));
  }

  @Test
  void everyGeneratedQuerySurvivesRenderAndParse() throws Exception {
    Random r = new Random(42);
    for (int i = 0; i < 3_000; i++) {
      AuditQuery q = randomQuery(r);
      String text = CoderQuery.render(q);
      AuditQuery back = CoderQuery.parse(text);
      assertEquals(q, back, () -> "round trip of: " + text);
      assertEquals(text, CoderQuery.render(back));
    }
  }

  @Test
  void everyServerQueryIsValidCoderSyntax() throws Exception {
    Random r = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      AuditQuery q = randomQuery(r);
      ServerQuery s = ServerQuery.of(q);
      assertFalse(s.queries().isEmpty());
      assertTrue(s.queries().size() <= 64, () -> s.queries().size() + " queries");
      for (String one : s.queries()) {
        Map<String, String> terms = ServerQuery.parseTerms(one);
        assertTrue(CoderQuery.CODER_KEYS.containsAll(terms.keySet()), one);
      }
      assertEquals(s.exact(), s.approximations().isEmpty());
    }
  }

  @Test
  void severalValuesBecomeOneServerQueryPerCombination() {
    AuditQuery q =
        AuditQuery.ALL
            .with(dev.auditdesk.model.Facet.ACTION, List.of("create", "delete"))
            .with(dev.auditdesk.model.Facet.RESOURCE_TYPE, List.of("workspace", "template"))
            .withRange(new DateRange(Instant.parse("2024-05-02T00:00:00Z"), Instant.MAX));
    ServerQuery s = ServerQuery.of(q);
    assertTrue(s.exact());
    assertEquals(
        Set.of(
            "resource_type:template action:create date_from:2024-05-02",
            "resource_type:template action:delete date_from:2024-05-02",
            "resource_type:workspace action:create date_from:2024-05-02",
            "resource_type:workspace action:delete date_from:2024-05-02"),
        new HashSet<>(s.queries()));
  }

  @Test
  void whatCoderCannotExpressIsMarkedApproximate() {
    AuditQuery q =
        AuditQuery.ALL
            .withText("disk")
            .withRange(
                new DateRange(
                    Instant.parse("2024-05-02T10:15:00Z"), Instant.parse("2024-05-03T08:00:00Z")));
    ServerQuery s = ServerQuery.of(q);
    assertFalse(s.exact());
    assertEquals(List.of("date_from:2024-05-02 date_to:2024-05-03"), s.queries());
    assertEquals(3, s.approximations().size());
  }

  @Test
  void openInCoderLinksToTheAuditPageWithTheFilter() {
    URI link =
        ServerQuery.auditPageLink(
            URI.create("https://coder.example.com"),
            AuditQuery.ALL.with(dev.auditdesk.model.Facet.ACTION, List.of("login")));
    assertEquals("https://coder.example.com/audit?filter=action%3Alogin", link.toString());
  }

  @Test
  void anUnknownKeyIsNamed() {
    QueryParseException e =
        assertThrows(QueryParseException.class, () -> CoderQuery.parse("colour:red"));
    assertEquals("colour", e.field());
    assertTrue(e.detail().contains("not a search key"), e.detail());
  }

  @Test
  void aKeyGivenTwiceSuggestsCommas() {
    QueryParseException e =
        assertThrows(
            QueryParseException.class, () -> CoderQuery.parse("action:create action:delete"));
    assertEquals("action", e.field());
    assertTrue(e.detail().contains("action:a,b"), e.detail());
    assertEquals(
        "resource_type",
        assertThrows(QueryParseException.class, () -> CoderQuery.parse("workspace template"))
            .field());
  }

  @Test
  void aBadDateSaysWhichDateAndTheFormat() {
    QueryParseException e =
        assertThrows(QueryParseException.class, () -> CoderQuery.parse("date_to:2024-02-30"));
    assertEquals("date_to", e.field());
    assertTrue(e.detail().contains("YYYY-MM-DD"), e.detail());
    assertEquals(
        "date_to",
        assertThrows(
                QueryParseException.class,
                () -> CoderQuery.parse("date_from:2024-05-02 date_to:2024-05-01"))
            .field());
  }

  @Test
  void anUnterminatedQuoteIsReported() {
    QueryParseException e =
        assertThrows(
            QueryParseException.class, () -> CoderQuery.parse("resource_target:\"my template"));
    assertEquals("q", e.field());
    assertTrue(e.detail().contains("never closed"), e.detail());
  }

  @Test
  void anElementStartingOrEndingWithAColonIsRejected() {
    for (String bad : List.of("action:", ":create", "action:create :x")) {
      QueryParseException e =
          assertThrows(QueryParseException.class, () -> CoderQuery.parse(bad), bad);
      assertEquals("q", e.field());
      assertTrue(e.detail().contains("start or end with ':'"), e.detail());
    }
  }

  @Test
  void emptyValuesAndSecondColonsAreRejected() {
    assertEquals(
        "action",
        assertThrows(QueryParseException.class, () -> CoderQuery.parse("action:create,")).field());
    assertEquals(
        "resource_target",
        assertThrows(QueryParseException.class, () -> CoderQuery.parse("resource_target:a:b"))
            .field());
    assertEquals(Set.of("a:b"), assertParse("resource_target:\"a:b\"").resourceTargets());
    assertEquals(
        "request_id",
        assertThrows(QueryParseException.class, () -> CoderQuery.parse("request_id:a,b")).field());
  }

  @Test
  void coderRulesLowerCaseAndRejectWhatCoderRejects() throws Exception {
    assertEquals(
        Map.of("action", "create", "resource_target", "my template"),
        ServerQuery.parseTerms("Action:CREATE resource_target:\"My Template\""));
    assertEquals(
        "q",
        assertThrows(QueryParseException.class, () -> ServerQuery.parseTerms("a:b:c")).field());
    assertEquals(
        "search",
        assertThrows(QueryParseException.class, () -> ServerQuery.parseTerms("search:x")).field());
  }

  private static AuditQuery assertParse(String q) {
    try {
      return CoderQuery.parse(q);
    } catch (QueryParseException e) {
      throw new AssertionError(e.detail(), e);
    }
  }

  private static final String ALPHABET = "abcxyz-_.@é0123456789 \t\",:\\\n'ß字";

  private static AuditQuery randomQuery(Random r) {
    DateRange range = DateRange.ALL;
    int rangeKind = r.nextInt(4);
    if (rangeKind > 0) {
      Instant a = randomInstant(r);
      Instant b = randomInstant(r);
      Instant from = a.isBefore(b) ? a : b;
      Instant to = a.isBefore(b) ? b : a;
      range =
          switch (rangeKind) {
            case 1 -> new DateRange(from, Instant.MAX);
            case 2 -> new DateRange(Instant.MIN, to);
            default -> new DateRange(from, to);
          };
    }
    return new AuditQuery(
        values(r),
        values(r),
        values(r),
        values(r),
        values(r),
        values(r),
        values(r),
        r.nextInt(4) == 0 ? word(r) : "",
        r.nextInt(4) == 0 ? word(r) : "",
        range,
        r.nextInt(3) == 0 ? word(r) : "",
        java.util.Set.of());
  }

  private static Instant randomInstant(Random r) {
    Instant t = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(r.nextInt(200_000_000));
    return switch (r.nextInt(3)) {
      case 0 -> t.truncatedTo(ChronoUnit.DAYS);
      case 1 -> t.plusNanos(r.nextInt(1_000_000_000));
      default -> t;
    };
  }

  private static Set<String> values(Random r) {
    Set<String> s = new HashSet<>();
    int n = r.nextInt(4) == 0 ? 0 : r.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.add(r.nextInt(20) == 0 ? "" : word(r));
    }
    return s;
  }

  private static String word(Random r) {
    int len = 1 + r.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
