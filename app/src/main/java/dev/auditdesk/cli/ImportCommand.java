package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.export.AuditFileReader;
import dev.auditdesk.export.Importer;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auditdesk import}: reads audit files into the cache of an offline deployment. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Imports Coder audit events from files into a local cache, to review them offline:",
      "NDJSON or JSON exported by AuditDesk, the API's {\"audit_logs\": [...]} response saved",
      "to disk, and server log lines with the event under message.fields.audit_log.",
      "Bad lines are reported with their line number and skipped; events already cached are",
      "counted as duplicates. The events go to the deployment import://NAME.",
      "Exit codes: 0 done, 2 usage error (or no audit event in any file), 5 cache problem."
    })
final class ImportCommand implements Callable<Integer> {

  private static final int SHOWN_BAD_LINES = 20;

  @Spec CommandSpec spec;

  @Mixin CacheFolder cacheFolder;

  @Option(
      names = "--deployment",
      paramLabel = "NAME",
      defaultValue = "imported",
      description = "Name of the offline deployment to import into (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--json", description = "Print a summary as JSON on standard output.")
  boolean json;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to import.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        err.println("There is no file " + f + ".");
        return ExitCodes.USAGE;
      }
      if (!Files.isReadable(f)) {
        err.println("The file " + f + " cannot be read (permissions).");
        return ExitCodes.USAGE;
      }
    }
    Deployment d = Importer.deploymentFor(name);
    Path root = cacheFolder.root();
    Importer.Report r;
    try (H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      ChainNotice.say(cache, err);
      r = Importer.importFiles(cache, files, Importer.Listener.NONE);
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    } catch (IOException e) {
      err.println("Could not read the files: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(e.getMessage());
      return ExitCodes.SOFTWARE;
    }
    for (AuditFileReader.BadLine b :
        r.listed().subList(0, (int) Math.min(SHOWN_BAD_LINES, r.listed().size()))) {
      err.println((b.skipped() ? "Skipped " : "Repaired ") + b);
    }
    if (r.badLines() > SHOWN_BAD_LINES) {
      err.println("... and " + (r.badLines() - SHOWN_BAD_LINES) + " more bad lines skipped.");
    }
    err.println(
        "Imported "
            + r.imported()
            + " new events into "
            + d.url()
            + " ("
            + r.duplicates()
            + " duplicates, "
            + r.badLines()
            + " bad lines skipped, "
            + (r.badBytes() > 0 ? r.badBytes() + " lines with invalid bytes read as \uFFFD, " : "")
            + "from "
            + r.files()
            + " files).");
    Importer.Connections c = r.connections();
    if (c.read() > 0) {
      err.println(
          "Imported "
              + c.imported()
              + " new connection-log rows ("
              + c.updated()
              + " updated, "
              + c.unchanged()
              + " already cached).");
    }
    if (json) {
      ObjectNode n = AuditEventJson.mapper().createObjectNode();
      n.put("deployment", d.url().toString());
      n.put("files", r.files());
      n.put("read", r.read());
      n.put("imported", r.imported());
      n.put("duplicates", r.duplicates());
      n.put("bad_lines", r.badLines());
      n.put("bad_bytes_lines", r.badBytes());
      ObjectNode conn = n.putObject("connection_log");
      conn.put("read", c.read());
      conn.put("imported", c.imported());
      conn.put("updated", c.updated());
      ArrayNode bad = n.putArray("bad");
      for (AuditFileReader.BadLine b : r.listed()) {
        ObjectNode o = bad.addObject();
        o.put("file", b.file().toString());
        o.put("line", b.line());
        o.put("reason", b.reason());
        o.put("skipped", b.skipped());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(n);
      out.flush();
    }
    if (r.read() == 0 && c.read() == 0 && r.badLines() > 0) {
      err.println(
          "None of the lines is a Coder audit event or connection-log row: is this the right"
              + " file?");
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }
}
