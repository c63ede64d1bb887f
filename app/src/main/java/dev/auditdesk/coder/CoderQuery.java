package dev.auditdesk.coder;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Coder's audit search language ({@code q}) and AuditDesk's superset of it, used in the query field
 * of the window.
 *
 * <p>Coder: space-separated {@code key:value} terms, ANDed, each key at most once; values with
 * spaces in double quotes; a bare word is a {@code resource_type}; dates are {@code YYYY-MM-DD}
 * with {@code date_to} inclusive to the end of that day (UTC).
 *
 * <p>Local extensions (never sent to a server as such, see {@link #renderForServer}):
 *
 * <ul>
 *   <li>a comma inside a value means OR within that key: {@code action:create,delete};
 *   <li>{@code search:"free text"} is the free-text filter;
 *   <li>{@code date_from}/{@code date_to} also take an RFC 3339 instant such as {@code
 *       2024-05-01T09:30:00Z}; an instant in {@code date_to} is exclusive (events before it);
 *   <li>inside quotes, {@code \"} and {@code \\} stand for a quote and a backslash.
 * </ul>
 */
public final class CoderQuery {

  /** The keys of Coder's audit search, in the order {@link #render} writes them. */
  public static final List<String> CODER_KEYS =
      List.of(
          "resource_type",
          "resource_id",
          "resource_target",
          "action",
          "username",
          "email",
          "date_from",
          "date_to",
          "build_reason",
          "organization",
          "request_id");

  /** AuditDesk's own key for free text. */
  public static final String SEARCH_KEY = "search";

  private static final Set<String> SINGLE_VALUED =
      Set.of("resource_id", "request_id", "date_from", "date_to", SEARCH_KEY);
  private static final int MAX_SERVER_QUERIES = 64;

  private CoderQuery() {}

  /** A query the user typed that cannot be read; says which key and why, in plain words. */
  public static final class QueryParseException extends Exception {
    private final String field;
    private final String detail;

    public QueryParseException(String field, String detail) {
      super(detail);
      this.field = field;
      this.detail = detail;
    }

    /** The key the problem is in, or {@code q} for the query as a whole. */
    public String field() {
      return field;
    }

    public String detail() {
      return detail;
    }
  }

  /**
   * What to send to a Coder server for a query: one or more {@code q} strings whose results,
   * together, contain every matching event. When {@code exact} is false the server answers with
   * more than the query matches (each reason in {@code approximations}), so filter locally too.
   */
  public record ServerQuery(List<String> queries, boolean exact, List<String> approximations) {
    public ServerQuery {
      queries = List.copyOf(queries);
      approximations = List.copyOf(approximations);
    }
  }

  // ------------------------------------------------------------------------------- rendering

  /** The query in AuditDesk's syntax; {@link #parse} of the result gives the same query back. */
  public static String render(AuditQuery q) {
    List<String> terms = new ArrayList<>();
    add(terms, "resource_type", q.resourceTypes());
    single(terms, "resource_id", q.resourceId());
    add(terms, "resource_target", q.resourceTargets());
    add(terms, "action", q.actions());
    add(terms, "username", q.users());
    add(terms, "email", q.emails());
    DateRange r = q.range();
    if (r.hasFrom()) {
      terms.add("date_from:" + (dayAligned(r.from()) ? day(r.from()) : instant(r.from())));
    }
    if (r.hasTo()) {
      terms.add(
          "date_to:"
              // An empty range (start = end) cannot be written as a whole day: use the instant.
              + (dayAligned(r.to()) && r.to().isAfter(r.from())
                  ? day(r.to().minus(1, ChronoUnit.DAYS))
                  : instant(r.to())));
    }
    add(terms, "build_reason", q.buildReasons());
    add(terms, "organization", q.organizations());
    single(terms, "request_id", q.requestId());
    single(terms, SEARCH_KEY, q.text());
    return String.join(" ", terms);
  }

  private static void add(List<String> terms, String key, Collection<String> values) {
    if (values.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(key).append(':');
    boolean first = true;
    for (String v : values) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(quoteIfNeeded(v));
    }
    terms.add(sb.toString());
  }

  private static void single(List<String> terms, String key, String value) {
    if (!value.isEmpty()) {
      terms.add(key + ":" + quoteIfNeeded(value));
    }
  }

  private static String quoteIfNeeded(String v) {
    boolean needs = v.isEmpty();
    for (int i = 0; i < v.length() && !needs; i++) {
      char c = v.charAt(i);
      needs = Character.isWhitespace(c) || c == '"' || c == ',' || c == ':' || c == '\\';
    }
    if (!needs) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  /**
   * The query as Coder itself understands it. Coder has no OR, so a query with several values for a
   * key becomes several {@code q} strings (their union is the answer); what Coder cannot express at
   * all (free text, a time of day, values with a double quote) is left out and the result marked
   * inexact.
   */
  public static ServerQuery renderForServer(AuditQuery q) {
    List<String> approximations = new ArrayList<>();
    Map<String, List<String>> multi = new LinkedHashMap<>();
    multi.put("resource_type", expressible("resource_type", q.resourceTypes(), approximations));
    multi.put(
        "resource_target", expressible("resource_target", q.resourceTargets(), approximations));
    multi.put("action", expressible("action", q.actions(), approximations));
    multi.put("username", expressible("username", q.users(), approximations));
    multi.put("email", expressible("email", q.emails(), approximations));
    multi.put("build_reason", expressible("build_reason", q.buildReasons(), approximations));
    multi.put("organization", expressible("organization", q.organizations(), approximations));

    long combos = 1;
    for (List<String> v : multi.values()) {
      combos *= Math.max(1, v.size());
    }
    while (combos > MAX_SERVER_QUERIES) {
      String widest = null;
      for (Map.Entry<String, List<String>> e : multi.entrySet()) {
        if (widest == null || e.getValue().size() > multi.get(widest).size()) {
          widest = e.getKey();
        }
      }
      combos /= multi.get(widest).size();
      approximations.add(
          "Too many combinations: the " + widest + " filter is applied by AuditDesk only.");
      multi.put(widest, List.of());
    }

    List<String> fixed = new ArrayList<>();
    serverSingle(fixed, "resource_id", q.resourceId(), approximations);
    DateRange r = q.range();
    if (r.hasFrom()) {
      if (!dayAligned(r.from())) {
        approximations.add("Coder searches whole days: the start time is applied by AuditDesk.");
      }
      fixed.add("date_from:" + day(r.from().truncatedTo(ChronoUnit.DAYS)));
    }
    if (r.hasTo()) {
      if (!dayAligned(r.to())) {
        approximations.add("Coder searches whole days: the end time is applied by AuditDesk.");
      }
      fixed.add("date_to:" + day(r.to().minusNanos(1).truncatedTo(ChronoUnit.DAYS)));
    }
    serverSingle(fixed, "request_id", q.requestId(), approximations);
    if (!q.text().isEmpty()) {
      approximations.add("Coder has no free-text search: the text filter is applied by AuditDesk.");
    }

    List<List<String>> partial = new ArrayList<>();
    partial.add(List.of());
    for (Map.Entry<String, List<String>> e : multi.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<List<String>> next = new ArrayList<>();
      for (List<String> p : partial) {
        for (String v : e.getValue()) {
          List<String> n = new ArrayList<>(p);
          n.add(e.getKey() + ":" + coderQuote(v));
          next.add(n);
        }
      }
      partial = next;
    }
    List<String> queries = new ArrayList<>();
    for (List<String> p : partial) {
      List<String> terms = new ArrayList<>();
      // Keep Coder's key order: facets first, then ids and dates.
      terms.addAll(p);
      terms.addAll(fixed);
      queries.add(String.join(" ", terms));
    }
    return new ServerQuery(queries, approximations.isEmpty(), approximations);
  }

  /** The deployment's own audit page showing (roughly) the same events, for "Open in Coder". */
  public static URI auditPageLink(URI deployment, AuditQuery q) {
    String first = renderForServer(q).queries().get(0);
    String base = deployment.toString().replaceAll("/+$", "") + "/audit";
    return URI.create(
        first.isEmpty()
            ? base
            : base
                + "?filter="
                + URLEncoder.encode(first, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static List<String> expressible(
      String key, Set<String> values, List<String> approximations) {
    List<String> ok = new ArrayList<>();
    for (String v : values) {
      if (v.isEmpty() || v.indexOf('"') >= 0) {
        approximations.add(
            "Coder cannot search " + key + " for \"" + v + "\": AuditDesk applies that filter.");
        return List.of();
      }
      ok.add(v);
    }
    return ok;
  }

  private static void serverSingle(
      List<String> terms, String key, String value, List<String> approximations) {
    if (value.isEmpty()) {
      return;
    }
    if (value.indexOf('"') >= 0) {
      approximations.add("Coder cannot search " + key + " for that value: AuditDesk applies it.");
      return;
    }
    terms.add(key + ":" + coderQuote(value));
  }

  /** Coder's quoting: plain double quotes around values with spaces or colons, no escapes. */
  private static String coderQuote(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || c == ':') {
        return '"' + v + '"';
      }
    }
    return v;
  }

  private static boolean dayAligned(Instant t) {
    return t.equals(t.truncatedTo(ChronoUnit.DAYS));
  }

  private static String day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
  }

  private static String instant(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  // ------------------------------------------------------------------------------- parsing

  /** One {@code key:value} element, split but with its value items still to be read. */
  private record Term(String key, String rawValue, boolean bare) {}

  /** Reads AuditDesk's query syntax (Coder's plus the local extensions) into a query. */
  public static AuditQuery parse(String text) throws QueryParseException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Term t : terms(text == null ? "" : text, false)) {
      String key = t.key();
      if (!CODER_KEYS.contains(key) && !SEARCH_KEY.equals(key)) {
        throw new QueryParseException(
            key,
            "\""
                + key
                + "\" is not a search key. Use one of: "
                + String.join(", ", CODER_KEYS)
                + ", "
                + SEARCH_KEY
                + ".");
      }
      if (values.containsKey(key)) {
        throw new QueryParseException(
            key,
            t.bare() || "resource_type".equals(key)
                ? "More than one resource type is given. List them with commas:"
                    + " resource_type:workspace,template."
                : "\""
                    + key
                    + "\" is given twice. List several values with commas, e.g. "
                    + key
                    + ":a,b.");
      }
      List<String> items = items(key, t.rawValue());
      if (SINGLE_VALUED.contains(key) && items.size() > 1) {
        throw new QueryParseException(
            key, "\"" + key + "\" takes one value. Put quotes around a value with commas.");
      }
      values.put(key, items);
    }

    Instant from = Instant.MIN;
    Instant to = Instant.MAX;
    if (values.containsKey("date_from")) {
      from = date("date_from", values.get("date_from").get(0), false);
    }
    if (values.containsKey("date_to")) {
      to = date("date_to", values.get("date_to").get(0), true);
    }
    boolean toIsDay =
        values.containsKey("date_to") && values.get("date_to").get(0).trim().length() == 10;
    if (from.isAfter(to) || (toIsDay && !from.isBefore(to))) {
      throw new QueryParseException(
          "date_to", "The date range ends before it starts. Swap date_from and date_to.");
    }
    return new AuditQuery(
        set(values, "resource_type"),
        set(values, "action"),
        set(values, "resource_target"),
        set(values, "username"),
        set(values, "email"),
        set(values, "organization"),
        set(values, "build_reason"),
        one(values, "resource_id"),
        one(values, "request_id"),
        new DateRange(from, to),
        one(values, SEARCH_KEY));
  }

  /**
   * Reads a {@code q} string the way a Coder server does (lower-cased, no commas or escapes, dates
   * only as {@code YYYY-MM-DD}) into key → value. The demo server uses it to answer like Coder.
   */
  public static Map<String, String> parseCoderTerms(String text) throws QueryParseException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Term t : terms(text == null ? "" : text.toLowerCase(Locale.ROOT), true)) {
      if (!CODER_KEYS.contains(t.key())) {
        throw new QueryParseException(
            t.key(), "Query param \"" + t.key() + "\" is not a valid query param");
      }
      if (out.containsKey(t.key())) {
        throw new QueryParseException(
            t.key(), "Query param \"" + t.key() + "\" provided more than once");
      }
      String v = t.rawValue().replace("\"", "");
      if (t.key().startsWith("date_")) {
        try {
          LocalDate.parse(v);
        } catch (DateTimeParseException e) {
          throw new QueryParseException(
              t.key(),
              "Query param \""
                  + t.key()
                  + "\" must be a valid date format (2006-01-02): parsing time \""
                  + v
                  + "\"");
        }
      }
      out.put(t.key(), v);
    }
    return out;
  }

  private static List<Term> terms(String text, boolean coderRules) throws QueryParseException {
    List<Term> out = new ArrayList<>();
    for (String element : elements(text, !coderRules)) {
      if (element.startsWith(":") || element.endsWith(":")) {
        throw new QueryParseException(
            "q",
            "\""
                + element
                + "\" cannot start or end with ':'. Write key:value, e.g. action:create.");
      }
      int colon = indexOutsideQuotes(element, ':', 0, !coderRules);
      if (colon < 0) {
        out.add(new Term("resource_type", element, true));
        continue;
      }
      String key = element.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = element.substring(colon + 1);
      if (key.indexOf('"') >= 0) {
        throw new QueryParseException("q", "A key cannot be in quotes: \"" + element + "\".");
      }
      boolean moreColons = indexOutsideQuotes(value, ':', 0, !coderRules) >= 0;
      if (moreColons && (coderRules || !key.startsWith("date_"))) {
        throw new QueryParseException(
            coderRules ? "q" : key,
            coderRules
                ? "Query element \"" + element + "\" can only contain 1 ':'"
                : "\"" + element + "\" has more than one ':'. Put quotes around a value with ':'.");
      }
      out.add(new Term(key, value, false));
    }
    return out;
  }

  /** Splits on whitespace outside double quotes; fails on a quote that is never closed. */
  private static List<String> elements(String text, boolean escapes) throws QueryParseException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && escapes && c == '\\' && i + 1 < text.length()) {
        cur.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (!quoted && Character.isWhitespace(c)) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new QueryParseException(
          "q", "A quote is opened but never closed. Add the closing \" after the value.");
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static int indexOutsideQuotes(String s, char target, int from, boolean escapes) {
    boolean quoted = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted && escapes && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == target) {
        return i;
      }
    }
    return -1;
  }

  /** Comma-separated items; each a mix of bare text and quoted text with escapes. */
  private static List<String> items(String key, String raw) throws QueryParseException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean hadQuotes = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < raw.length()) {
          cur.append(raw.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        hadQuotes = true;
      } else if (c == ',') {
        finishItem(key, out, cur, hadQuotes);
        hadQuotes = false;
      } else {
        cur.append(c);
      }
    }
    finishItem(key, out, cur, hadQuotes);
    return out;
  }

  private static void finishItem(String key, List<String> out, StringBuilder cur, boolean hadQuotes)
      throws QueryParseException {
    if (cur.length() == 0 && !hadQuotes) {
      throw new QueryParseException(
          key, "\"" + key + "\" has an empty value. Remove the extra comma or give a value.");
    }
    out.add(cur.toString());
    cur.setLength(0);
  }

  private static Instant date(String key, String v, boolean endOfDay) throws QueryParseException {
    Instant t;
    try {
      LocalDate d = LocalDate.parse(v);
      Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
      t = endOfDay ? start.plus(Duration.ofDays(1)) : start;
    } catch (DateTimeParseException notADay) {
      try {
        t = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException notAnInstant) {
        throw notADate(key, v);
      }
    }
    // Years 1 to 9999 only: beyond them a range cannot be written back (a time zone can push
    // year 999,999,999 past what a date can hold) and means nothing for an audit log anyway.
    if (t.isBefore(FIRST_DAY) || t.isAfter(LAST_DAY)) {
      throw notADate(key, v);
    }
    return t;
  }

  private static final Instant FIRST_DAY =
      LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final Instant LAST_DAY =
      LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private static QueryParseException notADate(String key, String v) {
    return new QueryParseException(
        key,
        "\""
            + v
            + "\" is not a date. Write YYYY-MM-DD (e.g. 2024-03-31) or a time such as"
            + " 2024-03-31T09:30:00Z.");
  }

  private static Set<String> set(Map<String, List<String>> values, String key) {
    List<String> v = values.get(key);
    return v == null ? Set.of() : new LinkedHashSet<>(v);
  }

  private static String one(Map<String, List<String>> values, String key) {
    List<String> v = values.get(key);
    return v == null ? "" : v.get(0);
  }
}
