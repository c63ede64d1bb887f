package dev.auditdesk.ui.insights;

import dev.auditdesk.insights.Finding;
import dev.auditdesk.ui.common.Messages;

/** A finding's one-line explanation in the window's language ({@code insights.finding.*}). */
final class FindingText {

  private FindingText() {}

  static String of(Finding f) {
    String key = "insights.finding." + f.message();
    return Messages.has(key) ? Messages.get(key, f.args().toArray()) : f.explanation();
  }
}
