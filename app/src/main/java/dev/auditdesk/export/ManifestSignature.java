package dev.auditdesk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signed manifests: the manifest names its signer ({@code signer}: the installation's public key,
 * its fingerprint) and a detached {@code <manifest>.sig} holds the Ed25519 signature of the
 * manifest file's exact bytes, so {@code openssl pkeyutl -verify -rawin} checks it without
 * AuditDesk (docs/EXPORT.md).
 */
public final class ManifestSignature {

  private ManifestSignature() {}

  /** A manifest and its signature, ready to be written. */
  record Signed(byte[] manifest, byte[] signature) {}

  /** Where the signature of {@code manifest} lives. */
  public static Path pathFor(Path manifest) {
    return manifest.resolveSibling(manifest.getFileName() + ".sig");
  }

  /** Adds the signer to {@code manifest} and signs the bytes it will be written as. */
  static Signed sign(ObjectNode manifest, InstallationKey key) throws IOException {
    ObjectNode s = manifest.putObject("signer");
    s.put("algorithm", InstallationKey.ALGORITHM);
    s.put("public_key", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
    s.put("fingerprint_sha256", key.fingerprint());
    s.put("signature_file", "<this manifest's name>.sig");
    byte[] bytes =
        AuditEventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    return new Signed(bytes, key.sign(bytes));
  }

  /** What checking a manifest's signature found; {@code problems} is empty when it holds. */
  public record Check(Optional<String> fingerprint, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks the signature beside {@code manifest} against the key the manifest names, and that key
   * against {@code pinned} when given.
   */
  public static Check verify(Path manifest, Optional<PublicKey> pinned) throws IOException {
    List<String> problems = new ArrayList<>();
    byte[] bytes = Files.readAllBytes(manifest);
    JsonNode signer = AuditEventJson.mapper().readTree(bytes).path("signer");
    PublicKey named;
    try {
      named = InstallationKey.readPublic(signer.path("public_key").asText(""));
    } catch (IOException e) {
      problems.add(
          "The manifest "
              + manifest.getFileName()
              + " names no signing key (made before exports were signed, or the key was removed),"
              + " so nothing proves who made it.");
      return new Check(Optional.empty(), problems);
    }
    String fingerprint = InstallationKey.fingerprint(named);
    if (!fingerprint.equals(signer.path("fingerprint_sha256").asText(""))) {
      problems.add("The manifest's key fingerprint does not belong to the key it names.");
    }
    if (pinned.isPresent() && !pinned.get().equals(named)) {
      problems.add(
          "The manifest was signed with the key "
              + fingerprint
              + ", not with the key you pinned ("
              + InstallationKey.fingerprint(pinned.get())
              + "): it does not come from the installation you expected.");
    }
    Path sig = pathFor(manifest);
    if (!Files.isRegularFile(sig)) {
      problems.add(
          "There is no signature "
              + sig.getFileName()
              + " beside the manifest, so the manifest cannot be proven unaltered.");
      return new Check(Optional.of(fingerprint), problems);
    }
    if (!valid(named, bytes, Files.readAllBytes(sig))) {
      problems.add(
          "The signature "
              + sig.getFileName()
              + " does not match the manifest: the manifest (its row count, SHA-256 or anything"
              + " else) was changed after it was signed.");
    }
    return new Check(Optional.of(fingerprint), problems);
  }

  private static boolean valid(PublicKey key, byte[] bytes, byte[] signature) {
    try {
      Signature s = Signature.getInstance(InstallationKey.ALGORITHM);
      s.initVerify(key);
      s.update(bytes);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a signature of the wrong length or form proves nothing
    }
  }
}
