package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.OsKeyring;
import dev.auditdesk.archive.ArchiveCredentials;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.ArchiveVerification;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.CacheVerification;
import dev.auditdesk.cache.ChainReport;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.export.ExportManifest;
import dev.auditdesk.export.InstallationKey;
import dev.auditdesk.export.Verifier;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code auditdesk verify FILE}: checks an export against its manifest; {@code verify --cache DIR
 * --url URL}: re-walks a cache's hash chain; {@code verify --archive URL}: a team archive's.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an exported file against its manifest (FILE.manifest.json):",
      "size, SHA-256 and number of events, and the manifest's Ed25519 signature",
      "(FILE.manifest.json.sig), against the key --key names when given.",
      "Without FILE, re-walks the hash chains of a cache (--cache, --url or --deployment),",
      "one over its audit log and one over its connection log, and reports any event or",
      "connection row changed, removed or inserted behind AuditDesk's back.",
      "With --archive, the same for a team archive's chain in PostgreSQL.",
      "Exit 0 when it matches (a cache: both chains whole), 6 when it does not",
      "(or the manifest is missing), 5 when the cache or archive cannot be read."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      description = "The exported file (CSV, NDJSON, JSON or HTML).")
  Path file;

  @Mixin CacheChoice cache;

  @Option(
      names = "--key",
      paramLabel = "PUBKEY.pem",
      description =
          "The public key the export must be signed with ('auditdesk key --export' on the"
              + " sender's computer).")
  Path key;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  @Option(
      names = "--archive",
      paramLabel = "URL",
      description =
          "Re-walk the hash chain of this team archive instead: postgresql://[user@]host/db"
              + "[?sslmode=verify-full]. Its password comes from PGPASSWORD or the OS keyring"
              + " (docs/ARCHIVE.md).")
  String archive;

  @Option(
      names = "--noted",
      paramLabel = "POS:SHA256",
      description =
          "With --archive: the link an earlier verify printed and you kept outside the archive;"
              + " the chain must still hold it.")
  String noted;

  /** Where environment variables come from; tests replace it. */
  UnaryOperator<String> env = System::getenv;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (archive != null) {
      return verifyArchive(out, err);
    }
    if (file == null) {
      if (cache.url == null && cache.deployment == null && cache.cacheFolder.dir == null) {
        err.println(
            "Name an exported FILE to verify, or a cache: --url URL or --deployment NAME"
                + " (with --cache DIR when it is not in the default folder).");
        return ExitCodes.USAGE;
      }
      return verifyCache(out, err);
    }
    if (!Files.isRegularFile(file)) {
      err.println("There is no file " + file + ".");
      return ExitCodes.USAGE;
    }
    Optional<PublicKey> pinned = Optional.empty();
    if (key != null) {
      try {
        pinned = Optional.of(InstallationKey.readPublic(Files.readString(key)));
      } catch (IOException e) {
        err.println("Cannot use " + key + " as the pinned key: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    Verifier.Result result;
    try {
      result = Verifier.verify(file, pinned);
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
      n.put("signed_by", result.signer().orElse(null));
      result.differences().forEach(n.putArray("differences")::add);
      out.println(n);
      out.flush();
    }
    if (result.ok()) {
      err.println("OK: " + result.message());
      return ExitCodes.OK;
    }
    err.println("FAILED: " + file + " does not match its signed manifest.");
    err.println(result.message());
    return ExitCodes.VERIFY_FAILED;
  }

  private int verifyCache(PrintWriter out, PrintWriter err) {
    Deployment d;
    try {
      d = cache.resolve();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    CacheVerification report;
    try (H2AuditCache c = openForVerify(d)) {
      ChainNotice.say(c, err);
      report = c.evidence().verify();
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    }
    if (json) {
      ObjectNode n = AuditEventJson.mapper().createObjectNode();
      n.put("deployment", d.url().toString());
      n.put("ok", report.whole());
      chainJson(n, report.auditLog(), "events");
      chainJson(n.putObject("connection_log"), report.connectionLog(), "rows");
      out.println(n);
      out.flush();
    }
    print(err, report.auditLog());
    print(err, report.connectionLog());
    return report.whole() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
  }

  private int verifyArchive(PrintWriter out, PrintWriter err) {
    ArchiveUrl url;
    Optional<ArchiveVerification.NotedLink> link;
    try {
      url = ArchiveCredentials.complete(ArchiveUrl.parse(archive), env, OsKeyring.shared());
      link =
          noted == null
              ? Optional.empty()
              : Optional.of(ArchiveVerification.NotedLink.parse(noted));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    ArchiveVerification report;
    try (PostgresArchive a = PostgresArchive.open(url)) {
      report = a.verify(link);
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    }
    if (json) {
      ObjectNode n = AuditEventJson.mapper().createObjectNode();
      n.put("archive", url.display());
      n.put("ok", report.whole());
      chainJson(n, report.chain(), "events");
      n.put("last_link", report.end().map(ArchiveVerification.NotedLink::text).orElse(null));
      out.println(n);
      out.flush();
    }
    String[] words = report.lines().toArray(String[]::new);
    err.println((report.whole() ? "OK: " : "FAILED: ") + words[0]);
    for (int i = 1; i < words.length; i++) {
      err.println(words[i]);
    }
    return report.whole() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
  }

  /** One chain's report: its first sentence marked OK or FAILED, the rest as they are. */
  private static void print(PrintWriter err, ChainReport r) {
    String[] words = r.lines().toArray(String[]::new);
    err.println((r.whole() ? "OK: " : "FAILED: ") + words[0]);
    for (int i = 1; i < words.length; i++) {
      err.println(words[i]);
    }
  }

  /** The audit log's chain at the top level (as before migration 8), the connection log's apart. */
  private static void chainJson(ObjectNode n, ChainReport r, String rows) {
    n.put("chain_whole", r.whole());
    n.put("links", r.links());
    n.put(rows, r.events());
    if (r.firstBadPosition() >= 0) {
      n.put("first_bad_position", r.firstBadPosition());
    } else {
      n.putNull("first_bad_position");
    }
    r.problems().forEach(n.putArray("problems")::add);
  }

  /** Read-write when free (an older cache then gets its chain), else a read-only snapshot. */
  private H2AuditCache openForVerify(Deployment d) throws CacheException {
    if (!Files.isDirectory(CacheStore.folderFor(cache.root(), d))) {
      throw new CacheException(
          CacheException.Problem.IO,
          "There is no cache of " + d.url() + " in " + cache.root() + ".",
          null);
    }
    try {
      return CacheStore.open(cache.root(), d, CacheStore.OpenMode.READ_WRITE);
    } catch (CacheException e) {
      if (e.problem() != CacheException.Problem.LOCKED) {
        throw e;
      }
      return CacheStore.open(cache.root(), d, CacheStore.OpenMode.READ_ONLY);
    }
  }
}
