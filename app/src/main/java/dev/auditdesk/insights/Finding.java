package dev.auditdesk.insights;

import java.time.Instant;
import java.util.List;

/**
 * One thing a rule found: when it happened, a one-line explanation, and the ids of the events (or,
 * for connection rules, connection log rows) it is about.
 *
 * @param message which explanation: a key under {@code insights.finding.} in the window's messages,
 *     filled with {@code args} (the {@code explanation} is the same sentence in English)
 * @param actor the user it is about, empty when none
 * @param ip the address it is about, empty when none
 */
public record Finding(
    Rule rule,
    Severity severity,
    Instant time,
    String explanation,
    String message,
    List<String> args,
    List<String> ids,
    String actor,
    String ip) {

  public Finding {
    args = List.copyOf(args);
    ids = List.copyOf(ids);
    actor = actor == null ? "" : actor;
    ip = ip == null ? "" : ip;
  }

  /** Newest first; at the same time the more severe first. */
  public static int newestFirst(Finding a, Finding b) {
    int c = b.time.compareTo(a.time);
    return c != 0 ? c : a.severity.compareTo(b.severity);
  }
}
