package dev.auditdesk.format;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
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
 * <p>Local extensions (never sent to a server as such, see {@link ServerQuery#of}):
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

  static boolean dayAligned(Instant t) {
    return t.equals(t.truncatedTo(ChronoUnit.DAYS));
  }

  static String day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
  }

  private static String instant(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /** Reads AuditDesk's query syntax (Coder's plus the local extensions) into a query. */
  public static AuditQuery parse(String text) throws QueryParseException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (QueryTerms.Term t : QueryTerms.terms(text == null ? "" : text, false)) {
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
      List<String> items = QueryTerms.items(key, t.rawValue());
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
        one(values, SEARCH_KEY),
        Set.of());
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
