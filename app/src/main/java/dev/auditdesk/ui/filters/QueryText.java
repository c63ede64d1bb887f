package dev.auditdesk.ui.filters;

import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.model.AuditQuery;

/** The query field's language: Coder's search syntax with AuditDesk's extensions (CoderQuery). */
public final class QueryText {

  private QueryText() {}

  /** The query for a text; a bad text throws with the parser's plain-words message. */
  public static AuditQuery parse(String text) {
    try {
      return CoderQuery.parse(text == null ? "" : text);
    } catch (CoderQuery.QueryParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public static String render(AuditQuery q) {
    return CoderQuery.render(q);
  }
}
