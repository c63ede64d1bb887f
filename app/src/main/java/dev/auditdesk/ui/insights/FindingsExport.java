package dev.auditdesk.ui.insights;

import dev.auditdesk.Version;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheStats;
import dev.auditdesk.export.ExportCoverage;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.FindingsFile;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Findings to a CSV or HTML file with the same manifest as every other export beside it. */
final class FindingsExport {

  private FindingsExport() {}

  /** Writes {@code file} (HTML when it ends in .html or .htm, else CSV) and its manifest. */
  static ExportManifest write(List<Finding> findings, Path file, AuditCache cache)
      throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean html = name.endsWith(".html") || name.endsWith(".htm");
    String title = "AuditDesk insights: " + cache.deployment().url();
    FindingsFile.Written w = FindingsFile.write(findings, html, title, file);
    CacheStats stats = cache.stats();
    Instant oldest = findings.isEmpty() ? Instant.EPOCH : findings.get(findings.size() - 1).time();
    Instant newest = findings.isEmpty() ? Instant.EPOCH : findings.get(0).time();
    ExportManifest m =
        new ExportManifest(
            file.getFileName().toString(),
            html ? ExportFormat.HTML : ExportFormat.CSV,
            w.sha256(),
            w.bytes(),
            w.rows(),
            cache.deployment(),
            AuditQuery.ALL,
            "",
            SortOrder.NEWEST_FIRST,
            oldest,
            newest,
            Instant.now(),
            Version.version(),
            stats.lastSync() == null ? Instant.EPOCH : stats.lastSync(),
            cache.total(),
            ExportCoverage.UNKNOWN,
            null);
    m.write(ExportManifest.pathFor(file));
    return m;
  }
}
