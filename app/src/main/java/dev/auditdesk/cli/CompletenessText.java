package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.model.Completeness;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.sync.SyncResult;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The completeness record in the words of the command line and of {@code --json}. */
final class CompletenessText {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

  private CompletenessText() {}

  /** One or two sentences for a person. */
  static String sentence(SyncResult r) {
    Completeness c = r.completeness();
    StringBuilder b = new StringBuilder();
    if (!r.windowed()) {
      b.append("This server does not support date windows (an older Coder): its whole log was")
          .append(" read from the top. ");
    }
    if (c.complete() && c.verifiedThrough() != null) {
      b.append("Verified complete through ").append(DAY.format(c.verifiedThrough())).append('.');
    } else if (!c.unverified().isEmpty()) {
      b.append(c.unverified().size())
          .append(c.unverified().size() == 1 ? " day" : " days")
          .append(" unverified: ");
      int shown = 0;
      for (DayCheck d : c.unverified()) {
        if (shown++ == 3) {
          b.append("…");
          break;
        }
        b.append(DAY.format(d.day()))
            .append(" (server ")
            .append(d.serverCount() < 0 ? "above its count cap" : Long.toString(d.serverCount()))
            .append(", cache ")
            .append(d.cacheCount())
            .append(") ");
      }
      if (c.verifiedThrough() != null) {
        b.append("Verified complete through ").append(DAY.format(c.verifiedThrough())).append('.');
      }
    } else {
      b.append("Not verified yet: the history has not been read to its end.");
    }
    if (c.onlyInCacheDays() > 0) {
      b.append(' ')
          .append(c.onlyInCacheDays())
          .append(" days are only in this cache (the server no longer lists them).");
    }
    if (r.futureDated() > 0) {
      b.append(' ')
          .append(r.futureDated())
          .append(" events are stamped in the future by the server's clock (kept and shown).");
    }
    return b.toString().trim();
  }

  static void json(ObjectNode n, Completeness c) {
    n.put("complete", c.complete());
    n.put("history_read", c.historyRead());
    n.put("verified_through", c.verifiedThrough() == null ? null : c.verifiedThrough().toString());
    n.put("verified_days", c.verifiedDays());
    n.put("only_in_cache_days", c.onlyInCacheDays());
    ArrayNode bad = n.putArray("unverified_days");
    for (DayCheck d : c.unverified()) {
      ObjectNode o = bad.addObject();
      o.put("day", d.day().toString());
      o.put("server_count", d.serverCount());
      o.put("cache_count", d.cacheCount());
      o.put("note", d.note());
    }
  }
}
