package dev.auditdesk.model;

/**
 * The longest text one field of an event keeps for storing, filtering and showing. A hostile or
 * broken server can send a user agent or target of megabytes; the event keeps a capped copy in its
 * fields and the whole original in its raw JSON, so nothing is lost.
 */
public final class FieldLimit {

  /** 64 Ki characters: far above any real name, agent or description. */
  public static final int MAX_CHARS = 65_536;

  private FieldLimit() {}

  /**
   * {@code s} if it fits; otherwise its start and a note of how long it was, {@link #MAX_CHARS} in
   * all. Capping a capped value changes nothing.
   */
  public static String cap(String s) {
    if (s == null || s.length() <= MAX_CHARS) {
      return s;
    }
    String note =
        " \u2026 [cut: " + s.length() + " characters; the whole value is in the raw JSON]";
    int keep = MAX_CHARS - note.length();
    if (Character.isHighSurrogate(s.charAt(keep - 1))) {
      keep--; // never split a character in two
    }
    return s.substring(0, keep) + note;
  }
}
