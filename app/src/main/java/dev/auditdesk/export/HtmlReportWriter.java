package dev.auditdesk.export;

import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.VisibleText;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML report of a view: the table of events, then summary counts by action,
 * resource type and user. The summary is written last (it is only known at the end) and shown first
 * by CSS, so the report streams like the other formats. Every value is HTML-escaped.
 */
final class HtmlReportWriter implements EventWriter {

  /** Marks one event row; {@code verify} counts these. */
  static final String ROW_START = "<tr class=\"ev";

  private static final String STYLE =
      "body{font:14px system-ui,sans-serif;margin:24px;color:#1f2328}"
          + "main{display:flex;flex-direction:column;gap:16px}"
          + "#summary{order:-1;display:flex;gap:32px;flex-wrap:wrap}"
          + "table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #d0d7de;"
          + "text-align:left;vertical-align:top}th{background:#f6f8fa}"
          + "tr.failed td{color:#cf222e}td.n{text-align:right}"
          + ".meta{color:#57606a}";

  private final Writer out;
  private final ExportDescription description;
  private final Map<String, Long> byAction = new HashMap<>();
  private final Map<String, Long> byType = new HashMap<>();
  private final Map<String, Long> byUser = new HashMap<>();
  private long rows;
  private long failed;

  HtmlReportWriter(Writer out, ExportDescription description) {
    this.out = out;
    this.description = description;
  }

  @Override
  public void begin() throws IOException {
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.write("<title>AuditDesk report – " + esc(description.deployment()) + "</title>");
    out.write("<style>" + STYLE + "</style></head><body>\n");
    out.write("<h1>Audit log of " + esc(description.deployment()) + "</h1>\n");
    out.write("<p class=\"meta\">Filter: " + esc(description.filter()) + "<br>");
    out.write("Sorted by: " + esc(description.sort()) + "<br>");
    out.write(
        "Made: " + esc(DateTimeFormatter.ISO_INSTANT.format(description.created())) + "</p>\n");
    out.write("<main>\n<section id=\"events\"><table>\n<thead><tr>");
    for (String h :
        List.of(
            "Time (UTC)",
            "User",
            "Action",
            "Resource type",
            "Resource target",
            "Status",
            "IP",
            "Description")) {
      out.write("<th>" + h + "</th>");
    }
    out.write("</tr></thead>\n<tbody>\n");
  }

  @Override
  public void write(AuditEvent e) throws IOException {
    rows++;
    String user = e.actor().isSystem() ? "(system)" : e.actor().username();
    byAction.merge(e.action(), 1L, Long::sum);
    byType.merge(e.resourceType(), 1L, Long::sum);
    byUser.merge(user, 1L, Long::sum);
    out.write(ROW_START);
    if (e.failed()) {
      failed++;
      out.write(" failed");
    }
    out.write("\" data-id=\"");
    out.write(esc(e.id()));
    out.write("\"><td>");
    out.write(DateTimeFormatter.ISO_INSTANT.format(e.time()));
    out.write("</td><td>");
    out.write(esc(user));
    out.write("</td><td>");
    out.write(esc(e.action()));
    out.write("</td><td>");
    out.write(esc(e.resourceType()));
    out.write("</td><td>");
    out.write(esc(e.resourceTarget()));
    out.write("</td><td class=\"n\">");
    out.write(Integer.toString(e.statusCode()));
    out.write("</td><td>");
    out.write(esc(e.ip()));
    out.write("</td><td>");
    out.write(esc(e.filledDescription()));
    out.write("</td></tr>\n");
  }

  @Override
  public void finish() throws IOException {
    out.write("</tbody></table></section>\n<section id=\"summary\">\n");
    out.write(
        "<div><h2>Events</h2><p>" + rows + " events, " + failed + " failed attempts</p></div>\n");
    summary("By action", byAction);
    summary("By resource type", byType);
    summary("By user", byUser);
    out.write("</section>\n</main>\n</body></html>\n");
  }

  private void summary(String title, Map<String, Long> counts) throws IOException {
    out.write("<div><h2>" + title + "</h2><table>");
    List<Map.Entry<String, Long>> sorted =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    for (Map.Entry<String, Long> e : sorted) {
      String name = e.getKey().isEmpty() ? "(none)" : e.getKey();
      out.write("<tr><td>" + esc(name) + "</td><td class=\"n\">" + e.getValue() + "</td></tr>");
    }
    out.write("</table></div>\n");
  }

  /** HTML-escaped, with control and bidi characters shown as markers ({@link VisibleText}). */
  static String esc(String raw) {
    String s = VisibleText.of(raw);
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (r != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(r);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
