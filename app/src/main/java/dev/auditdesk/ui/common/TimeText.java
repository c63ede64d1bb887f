package dev.auditdesk.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the table writes times: local zone in the cell, UTC and "3 hours ago" in the tooltip. */
public final class TimeText {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  private TimeText() {}

  public static String local(Instant t) {
    return LOCAL.format(t);
  }

  static String utc(Instant t) {
    return UTC.format(t);
  }

  public static String tooltip(Instant t, Instant now) {
    return Messages.get("table.time.tooltip", utc(t), ago(t, now));
  }

  /** "just now", "5 minutes ago", "3 hours ago", "2 days ago", ... */
  public static String ago(Instant t, Instant now) {
    Duration d = Duration.between(t, now);
    if (d.isNegative()) {
      return d.abs().getSeconds() < 60 ? Messages.get("ago.justNow") : Messages.get("ago.future");
    }
    long s = d.getSeconds();
    if (s < 10) {
      return Messages.get("ago.justNow");
    }
    if (s < 60) {
      return Messages.get("ago.seconds", s);
    }
    long m = s / 60;
    if (m < 60) {
      return ago("minute", m);
    }
    long h = m / 60;
    if (h < 24) {
      return ago("hour", h);
    }
    long days = h / 24;
    if (days < 31) {
      return ago("day", days);
    }
    long months = days / 30;
    if (months < 12) {
      return ago("month", months);
    }
    // 360 to 364 days are a year ago too.
    return ago("year", Math.max(1, days / 365));
  }

  /** "1 hour ago" or "3 hours ago": {@code ago.<unit>} or {@code ago.<unit>s}. */
  private static String ago(String unit, long n) {
    return n == 1 ? Messages.get("ago." + unit) : Messages.get("ago." + unit + "s", n);
  }
}
