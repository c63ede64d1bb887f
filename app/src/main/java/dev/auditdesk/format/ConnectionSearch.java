package dev.auditdesk.format;

import dev.auditdesk.format.CoderQuery.QueryParseException;
import dev.auditdesk.model.ConnectionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The search language of Coder's connection log ({@code GET /api/v2/connectionlog?q=}): the same
 * {@code key:value} terms as the audit log, with its own keys and RFC 3339 instants for {@code
 * connected_after}/{@code connected_before} (both inclusive). Values with a colon are quoted, as
 * Coder's splitter requires.
 */
public final class ConnectionSearch {

  public static final Set<String> KEYS =
      Set.of(
          "organization",
          "workspace_owner",
          "workspace_owner_email",
          "type",
          "username",
          "user_email",
          "connected_after",
          "connected_before",
          "workspace_id",
          "connection_id",
          "status");

  /** Microseconds, as PostgreSQL keeps them: the last instant of a window is exact. */
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private ConnectionSearch() {}

  /** An instant as {@code connected_after}/{@code connected_before} take it. */
  public static String instant(Instant t) {
    return INSTANT.format(t);
  }

  /** Key → value as one {@code q} string, values quoted where they hold a colon or a space. */
  public static String render(Map<String, String> terms) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : terms.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        continue;
      }
      if (!KEYS.contains(e.getKey())) {
        throw new IllegalArgumentException(e.getKey() + " is no connection-log search key");
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      String v = e.getValue();
      boolean quote = v.chars().anyMatch(c -> c == ':' || Character.isWhitespace(c));
      b.append(e.getKey()).append(':').append(quote ? '"' + v + '"' : v);
    }
    return b.toString();
  }

  /** The window {@code [after, before]}, both inclusive, with any further terms. */
  public static String window(Instant after, Instant before, Map<String, String> more) {
    Map<String, String> t = new LinkedHashMap<>(more);
    t.put("connected_after", instant(after));
    t.put("connected_before", instant(before));
    return render(t);
  }

  /**
   * Reads a {@code q} string the way a Coder server does into key → value: unknown keys, a key
   * twice, an unreadable instant or status are refused with Coder's wording. The demo server
   * answers with it.
   */
  public static Map<String, String> parseTerms(String text) throws QueryParseException {
    Map<String, String> out = new LinkedHashMap<>();
    for (QueryTerms.Term t : QueryTerms.terms(text == null ? "" : text, true)) {
      String key = t.key().toLowerCase(Locale.ROOT);
      if (!KEYS.contains(key)) {
        throw new QueryParseException(
            key, "Query param \"" + key + "\" is not a valid query param");
      }
      if (out.containsKey(key)) {
        throw new QueryParseException(key, "Query param \"" + key + "\" provided more than once");
      }
      String v = t.rawValue().replace("\"", "");
      if (key.startsWith("connected_")) {
        parseInstant(key, v);
      } else if (key.equals("status")) {
        try {
          ConnectionStatus.parse(v);
        } catch (IllegalArgumentException e) {
          throw new QueryParseException(
              key, "Query param \"status\" has invalid value \"" + v + "\"");
        }
        v = v.toLowerCase(Locale.ROOT);
      } else {
        v = v.toLowerCase(Locale.ROOT);
      }
      out.put(key, v);
    }
    return out;
  }

  /** An RFC 3339 instant of a search value (either case of T and Z, as a lower-cased query has). */
  public static Instant parseInstant(String key, String v) throws QueryParseException {
    try {
      return OffsetDateTime.parse(v.toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw new QueryParseException(
          key,
          "Query param \""
              + key
              + "\" must be a valid date format (2006-01-02T15:04:05Z07:00): parsing time \""
              + v
              + "\"");
    }
  }
}
