package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheKeys;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.model.Deployment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditdesk cache [--encrypt | --decrypt]}: shows a cache, or changes its encryption. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = {
      "Shows where a deployment's cache is and whether it is encrypted;",
      "--encrypt / --decrypt change that (close AuditDesk windows on it first).",
      "Encryption is AES (H2 CIPHER) with a random key kept only in the OS keyring.",
      "A lost key means re-syncing into a new cache: the server still has its",
      "events, but events it has already purged that only this cache holds are lost."
    })
final class CacheCommand implements Callable<Integer> {

  /** The warning that goes with encryption, in the CLI and the README. */
  static final String LOST_KEY_WARNING =
      "The key is kept only in this computer's keyring. If it is lost (a new computer, a reset"
          + " keyring), this cache cannot be opened any more and must be re-synced into a new one:"
          + " the server still has its events, but events the server has already purged that"
          + " only this cache holds would be lost.";

  @Spec CommandSpec spec;

  @Mixin CacheChoice cache;

  @Option(
      names = "--encrypt",
      description =
          "Encrypt the cache (a cache not created yet is created encrypted); the key goes to the"
              + " OS keyring.")
  boolean encrypt;

  @Option(names = "--decrypt", description = "Turn an encrypted cache back into a plain file.")
  boolean decrypt;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (encrypt && decrypt) {
      err.println("Give either --encrypt or --decrypt, not both.");
      return ExitCodes.USAGE;
    }
    Deployment d;
    try {
      d = cache.resolve();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    Path root = cache.root();
    Path folder = CacheStore.folderFor(root, d);
    try {
      if (encrypt) {
        long events = CacheStore.encrypt(root, d, CacheKeys.keyring());
        err.println(
            "Encrypted the cache of " + d.label() + " (" + events + " events) in " + folder);
        err.println(LOST_KEY_WARNING);
      } else if (decrypt) {
        long events = CacheStore.decrypt(root, d, CacheKeys.keyring());
        err.println(
            "The cache of " + d.label() + " (" + events + " events) in " + folder + " is plain.");
      }
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    }
    if (!Files.exists(folder.resolve("cache.mv.db"))) {
      out.println(d.url() + ": no cache yet (" + folder + ")");
    } else {
      boolean encrypted = CacheStore.isEncrypted(root, d);
      out.println(
          d.url()
              + ": "
              + folder
              + (encrypted ? ", encrypted (key in the OS keyring)" : ", not encrypted"));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
