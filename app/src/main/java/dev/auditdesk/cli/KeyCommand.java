package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.export.InstallationKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditdesk key [--export]}: this installation's signing key, for recipients to pin. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = {
      "Shows this installation's export signing key (Ed25519): its fingerprint and where the",
      "private key is kept. --export prints the public key (PEM) for a recipient to pin:",
      "'auditdesk verify FILE --key PUBKEY.pem'. The key is made on first use."
    })
final class KeyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--export", description = "Print the public key as PEM on standard output.")
  boolean export;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InstallationKey key;
    try {
      key = InstallationKey.installation();
    } catch (IOException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    }
    if (export) {
      out.print(key.publicPem());
      out.flush();
    }
    err.println("Signing key fingerprint (SHA-256): " + key.fingerprint());
    err.println("The private key is kept in " + key.keptIn() + " and never leaves it.");
    return ExitCodes.OK;
  }
}
