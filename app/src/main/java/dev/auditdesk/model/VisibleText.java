package dev.auditdesk.model;

/**
 * Text from a server or a file as a person should see it: control characters and the invisible
 * characters that reorder or hide text (bidi overrides and isolates, direction marks, zero-width
 * spaces) become a visible marker such as {@code ⟨U+202E⟩}, so a crafted name cannot make a row
 * read as something else. Tab is kept. The table, the details pane, CSV and HTML exports all show
 * values through {@link #of}; the raw JSON keeps the original characters.
 */
public final class VisibleText {

  private VisibleText() {}

  /** {@code s} with every hidden character replaced by its marker; {@code s} itself if none. */
  public static String of(String s) {
    if (s == null) {
      return "";
    }
    int first = firstHidden(s);
    if (first < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, first);
    for (int i = first; i < s.length(); i++) {
      char c = s.charAt(i);
      if (hidden(c)) {
        b.append(marker(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * JSON text with the hidden characters written as JSON escapes ({@code \u202E}): the same JSON,
   * but nothing in it reorders the text around it. Line breaks and tabs (JSON's own whitespace)
   * stay; raw control characters cannot occur in valid JSON strings.
   */
  public static String inJson(String json) {
    if (json == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean escape = hidden(c) && c != '\n' && c != '\r';
      if (escape && b == null) {
        b = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (escape) {
        b.append(String.format("\\u%04X", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? json : b.toString();
  }

  /** True if {@code s} holds a character that {@link #of} would mark. */
  public static boolean hasHidden(String s) {
    return s != null && firstHidden(s) >= 0;
  }

  /** The marker shown instead of {@code c}: {@code ⟨U+202E⟩}. */
  public static String marker(char c) {
    return String.format("\u27e8U+%04X\u27e9", (int) c);
  }

  private static int firstHidden(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (hidden(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * C0 controls but tab, DEL, C1 controls, the Arabic letter mark, zero-width space, direction
   * marks, line and paragraph separators, bidi embeddings and overrides, word joiner, bidi
   * isolates, and a byte-order mark inside text.
   */
  static boolean hidden(char c) {
    if (c < 0x20) {
      return c != '\t';
    }
    if (c < 0x7f) {
      return false;
    }
    return c <= 0x9f
        || c == 0x061c
        || c == 0x200b
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e)
        || c == 0x2060
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0xfeff;
  }
}
