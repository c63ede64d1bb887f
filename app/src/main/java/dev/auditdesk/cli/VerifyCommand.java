package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.export.Verifier;
import dev.auditdesk.format.AuditEventJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code auditdesk verify FILE}: checks an export against its manifest. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an exported file against its manifest (FILE.manifest.json):",
      "size, SHA-256 and number of events.",
      "Exit 0 when it matches, 6 when it does not (or the manifest is missing)."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The exported file (CSV, NDJSON, JSON or HTML).")
  Path file;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("There is no file " + file + ".");
      return ExitCodes.USAGE;
    }
    Verifier.Result result;
    try {
      result = Verifier.verify(file);
    } catch (IOException e) {
      err.println(e.getMessage());
      err.println("Without its manifest the file cannot be verified.");
      if (json) {
        ObjectNode n = AuditEventJson.mapper().createObjectNode();
        n.put("file", file.toString());
        n.put("ok", false);
        n.putArray("differences").add(e.getMessage());
        out.println(n);
        out.flush();
      }
      return ExitCodes.VERIFY_FAILED;
    }
    if (json) {
      ObjectNode n = AuditEventJson.mapper().createObjectNode();
      n.put("file", file.toString());
      n.put("manifest", ExportManifest.pathFor(file).toString());
      n.put("ok", result.ok());
      n.put("rows", result.manifest().rows());
      n.put("sha256", result.manifest().sha256());
      result.differences().forEach(n.putArray("differences")::add);
      out.println(n);
      out.flush();
    }
    if (result.ok()) {
      err.println("OK: " + result.message());
      return ExitCodes.OK;
    }
    err.println("FAILED: " + file + " does not match its manifest.");
    err.println(result.message());
    return ExitCodes.VERIFY_FAILED;
  }
}
