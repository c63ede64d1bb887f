package dev.auditdesk.insights;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes findings as CSV (one row per finding, its event ids joined by spaces, cells a spreadsheet
 * would run neutralised) or as a self-contained HTML report. The file appears complete or not at
 * all; the caller writes the manifest beside it from what this returns.
 */
public final class FindingsFile {

  /** What was written: the SHA-256 of the file, its size and the number of findings. */
  public record Written(String sha256, long bytes, long rows) {}

  static final List<String> COLUMNS =
      List.of("time", "severity", "rule", "explanation", "actor", "ip", "log", "events", "ids");

  private FindingsFile() {}

  public static Written write(List<Finding> findings, boolean html, String title, Path target)
      throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".findings", ".tmp");
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try {
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha);
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
        if (html) {
          html(w, title, findings);
        } else {
          csv(w, findings);
        }
      }
      long bytes = Files.size(temp);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Written(HexFormat.of().formatHex(sha.digest()), bytes, findings.size());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void csv(Writer w, List<Finding> findings) throws IOException {
    CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    p.printRecord(COLUMNS);
    for (Finding f : findings) {
      List<String> c = new ArrayList<>(cells(f));
      c.add(String.join(" ", f.ids()));
      c.replaceAll(FindingsFile::neutralise);
      p.printRecord(c);
    }
    p.flush();
  }

  private static List<String> cells(Finding f) {
    return List.of(
        f.time().toString(),
        f.severity().name().toLowerCase(java.util.Locale.ROOT),
        f.rule().id(),
        f.explanation(),
        f.actor(),
        f.ip(),
        f.rule().connectionLog() ? "connections" : "audit",
        Integer.toString(f.ids().size()));
  }

  /** A cell a spreadsheet would run as a formula starts with a quote instead. */
  static String neutralise(String s) {
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }

  private static void html(Writer w, String title, List<Finding> findings) throws IOException {
    w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    w.write(esc(title));
    w.write(
        "</title><style>body{font:14px system-ui,sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:left;vertical-align:top}.high{color:#b00020}.medium{color:#a15c00}"
            + "code{font-size:11px;color:#555}</style></head><body>\n<h1>");
    w.write(esc(title));
    w.write("</h1>\n<p>" + findings.size() + " findings.</p>\n<table><tr>");
    for (String c : COLUMNS.subList(0, COLUMNS.size() - 1)) {
      w.write("<th>" + c + "</th>");
    }
    w.write("</tr>\n");
    for (Finding f : findings) {
      w.write("<tr class=\"" + f.severity().name().toLowerCase(java.util.Locale.ROOT) + "\">");
      for (String c : cells(f)) {
        w.write("<td>" + esc(c) + "</td>");
      }
      w.write(
          "</tr>\n<tr><td colspan=\"8\"><code>"
              + esc(String.join(" ", f.ids()))
              + "</code></td></tr>\n");
    }
    w.write("</table>\n</body></html>\n");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
