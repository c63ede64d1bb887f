package dev.auditdesk.format;

import dev.auditdesk.format.CoderQuery.QueryParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits query text into {@code key:value} terms and a value into its comma-separated items, by
 * AuditDesk's rules (escapes inside quotes) or by a Coder server's (none).
 */
final class QueryTerms {

  private QueryTerms() {}

  /** One {@code key:value} element, split but with its value items still to be read. */
  record Term(String key, String rawValue, boolean bare) {}

  static List<Term> terms(String text, boolean coderRules) throws QueryParseException {
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
  static List<String> items(String key, String raw) throws QueryParseException {
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
}
