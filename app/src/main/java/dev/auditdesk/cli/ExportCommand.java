package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.export.ConnectionExporter;
import dev.auditdesk.export.ExportCancelledException;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportListener;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.export.ExportResult;
import dev.auditdesk.export.Exporter;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortColumn;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditdesk export}: writes the cached events matching the filters to a file + manifest. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Exports every cached event matching the filters, newest first, to a file, with a",
      "manifest beside it (FILE.manifest.json) that 'auditdesk verify' checks.",
      "Works offline: it reads the local cache ('auditdesk sync' or 'auditdesk import' fill it).",
      "Exit codes: 0 done, 2 usage error, 5 cache or file problem."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CacheChoice cache;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "csv, ndjson (original events), json (an array) or html (a report).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
  Path out;

  @Option(
      names = "--log",
      paramLabel = "LOG",
      description = "audit (default) or connections: which log of the cache to export.")
  String log = "audit";

  @Mixin FilterOptions filters;

  @Mixin ConnectionFilterOptions connectionFilters;

  @Option(
      names = "--sort",
      paramLabel = "COLUMN[:asc|:desc]",
      description =
          "Order of the rows: time, user, action, resource_type, resource_target, status, ip or"
              + " organization; ascending unless :desc (time: newest first unless :asc)."
              + " Default: time (newest first), as the window shows them.")
  String sort = "time";

  @Option(names = "--json", description = "Print a summary as JSON on standard output.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ExportFormat f;
    AuditQuery query;
    Deployment deployment;
    SortOrder order;
    try {
      if (connectionLog(log)) {
        return exportConnections(err);
      }
      if (connectionFilters.any()) {
        return usage(
            "--type, --owner, --workspace and --status filter the connection log:"
                + " add --log connections.");
      }
      f = ExportFormat.parse(format);
      order = parseSort(sort);
      query = filters.toQuery();
      deployment = cache.resolve();
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    Path target = out.toAbsolutePath();
    if (Files.isDirectory(target)) {
      return usage(out + " is a folder; give --out a file name.");
    }
    if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
      return usage("The folder " + target.getParent() + " does not exist.");
    }
    try (AuditCache c = CacheStore.open(cache.root(), deployment, CacheStore.OpenMode.READ_ONLY)) {
      ExportResult r =
          Exporter.export(
              c, new Exporter.Request(query, order, f, target), progressOnTerminal(err));
      ExportManifest m = r.manifest();
      err.println(
          "Exported "
              + m.rows()
              + " events of "
              + deployment.url()
              + " to "
              + r.file()
              + " (manifest: "
              + r.manifestFile().getFileName()
              + ").");
      if (json) {
        printSummary(r);
      }
      return ExitCodes.OK;
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    } catch (IOException e) {
      err.println("Could not write " + out + ": " + e.getMessage() + " Nothing was written.");
      return ExitCodes.CACHE;
    } catch (ExportCancelledException e) {
      err.println(e.getMessage());
      return ExitCodes.SOFTWARE;
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof CacheException ce) {
        err.println(ce.getMessage() + " Nothing was written.");
        return ExitCodes.CACHE;
      }
      throw e;
    }
  }

  private static boolean connectionLog(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "audit" -> false;
      case "connections", "connection" -> true;
      default ->
          throw new IllegalArgumentException(
              "--log is audit or connections, not \"" + name + "\".");
    };
  }

  /** {@code --log connections}: the cached connection rows, original JSON per line in NDJSON. */
  private int exportConnections(PrintWriter err) {
    ExportFormat f;
    dev.auditdesk.model.ConnectionQuery query;
    Deployment deployment;
    try {
      f = ExportFormat.parse(format);
      query = connectionFilters.toQuery(filters);
      deployment = cache.resolve();
      if (f == ExportFormat.HTML) {
        throw new IllegalArgumentException(
            "--format: the connection log exports as csv, ndjson or json.");
      }
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    Path target = out.toAbsolutePath();
    if (Files.isDirectory(target)) {
      return usage(out + " is a folder; give --out a file name.");
    }
    try (var c = CacheStore.open(cache.root(), deployment, CacheStore.OpenMode.READ_ONLY)) {
      var state = c.connections().syncState();
      ExportResult r =
          ConnectionExporter.export(c.connections(), deployment, query, f, target, () -> false);
      long rows = r.manifest().rows();
      err.println(
          "Exported "
              + rows
              + " connections of "
              + deployment.url()
              + " to "
              + target
              + ", with its manifest "
              + r.manifestFile().getFileName()
              + ".");
      if (!r.manifest().coverage().verified()) {
        err.println(
            "Not every day of this export is verified against the server: "
                + r.manifest().coverage().unverified().size()
                + " of "
                + r.manifest().coverage().days()
                + " days are not (see the manifest).");
      }
      if (!state.message().isEmpty()) {
        err.println(state.message());
      }
      if (json) {
        ObjectNode n = AuditEventJson.mapper().createObjectNode();
        n.put("file", target.toString());
        n.put("log", "connections");
        n.put("format", f.extension());
        n.put("rows", rows);
        n.put("manifest", r.manifestFile().toString());
        n.put("sha256", r.manifest().sha256());
        n.put("every_day_verified", r.manifest().coverage().verified());
        spec.commandLine().getOut().println(n);
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    } catch (IOException e) {
      err.println("Could not write " + out + ": " + e.getMessage() + " Nothing was written.");
      return ExitCodes.CACHE;
    } catch (dev.auditdesk.export.ExportCancelledException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    }
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.println("Run 'auditdesk export --help' for the options.");
    return ExitCodes.USAGE;
  }

  private void printSummary(ExportResult r) {
    ExportManifest m = r.manifest();
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("file", r.file().toString());
    n.put("manifest", r.manifestFile().toString());
    n.put("format", m.format().extension());
    n.put("deployment", m.deployment().url().toString());
    n.put("filter", m.coderQuery());
    n.put("rows", m.rows());
    n.put("bytes", m.bytes());
    n.put("sha256", m.sha256());
    if (m.rows() > 0) {
      n.put("oldest", m.oldest().toString());
      n.put("newest", m.newest().toString());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(n);
    out.flush();
  }

  /** Progress on stderr, only when a person is watching a terminal. */
  private static ExportListener progressOnTerminal(PrintWriter err) {
    if (System.console() == null) {
      return ExportListener.NONE;
    }
    return new ExportListener() {
      Instant last = Instant.EPOCH;

      @Override
      public void progress(long written, long expected) {
        Instant now = Instant.now();
        if (now.isAfter(last.plusMillis(500)) || written == expected) {
          last = now;
          err.print("\r" + written + " of " + expected + " events written");
          if (written == expected) {
            err.println();
          }
          err.flush();
        }
      }
    };
  }

  /** {@code column[:asc|:desc]} as a sort order; time defaults to newest first, others A–Z. */
  static SortOrder parseSort(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    String dir = "";
    int colon = t.indexOf(':');
    if (colon >= 0) {
      dir = t.substring(colon + 1);
      t = t.substring(0, colon);
    }
    SortColumn column;
    try {
      column = SortColumn.valueOf(t.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown --sort column \""
              + text
              + "\"; use time, user, action, resource_type, resource_target, status, ip or"
              + " organization.");
    }
    boolean ascending =
        switch (dir) {
          case "" -> column != SortColumn.TIME;
          case "asc" -> true;
          case "desc" -> false;
          default ->
              throw new IllegalArgumentException(
                  "--sort takes :asc or :desc after the column, not \":" + dir + "\".");
        };
    return new SortOrder(column, ascending);
  }
}
