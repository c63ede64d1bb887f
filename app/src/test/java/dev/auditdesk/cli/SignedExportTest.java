package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.export.ExportFormat;
import dev.auditdesk.export.ExportListener;
import dev.auditdesk.export.Exporter;
import dev.auditdesk.export.InstallationKey;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed export manifests, checked by {@code auditdesk verify} and by the openssl commands of
 * docs/EXPORT.md run exactly as printed there.
 */
class SignedExportTest {

  @TempDir Path dir;
  private Path file;
  private Path manifest;
  private Path signature;

  @BeforeEach
  void export() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(
          AuditEventJson.parse(
              "{\"id\":\"e"
                  + i
                  + "\",\"time\":\"2026-11-0"
                  + (1 + i % 9)
                  + "T10:00:00Z\",\"action\":\"login\",\"resource_type\":\"api_key\","
                  + "\"status_code\":200,\"user\":{\"username\":\"alice\"}}"));
    }
    file = dir.resolve("q4.csv");
    Exporter.export(
        events::forEach,
        events.size(),
        new Exporter.Origin(
            new Deployment(URI.create("https://coder.example.com"), ""), Instant.EPOCH, 12),
        new Exporter.Request(AuditQuery.ALL, SortOrder.NEWEST_FIRST, ExportFormat.CSV, file),
        ExportListener.NONE);
    manifest = dir.resolve("q4.csv.manifest.json");
    signature = dir.resolve("q4.csv.manifest.json.sig");
    assertTrue(Files.isRegularFile(signature));
    assertEquals(64, Files.size(signature));
  }

  private JsonNode manifestJson() throws Exception {
    return AuditEventJson.mapper().readTree(manifest.toFile());
  }

  private void editManifest(String from, String to) throws Exception {
    String text = Files.readString(manifest);
    assertTrue(text.contains(from), text);
    Files.writeString(manifest, text.replace(from, to));
  }

  @Test
  void anUntouchedExportVerifiesWithItsSignatureAndTheKeyCommandPrintsThatKey() throws Exception {
    CliRun r = CliRun.run("verify", file.toString(), "--json");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    String fingerprint = manifestJson().path("signer").path("fingerprint_sha256").asText();
    assertEquals(64, fingerprint.length());
    assertTrue(r.err().contains("signed by the key " + fingerprint), r.err());
    assertEquals(fingerprint, AuditEventJson.mapper().readTree(r.out()).path("signed_by").asText());

    CliRun key = CliRun.run("key", "--export");
    assertEquals(ExitCodes.OK, key.exit(), key.err());
    assertTrue(key.out().startsWith("-----BEGIN PUBLIC KEY-----\n"), key.out());
    assertTrue(key.err().contains(fingerprint), key.err());
    Path pem = dir.resolve("auditdesk-key.pem");
    Files.writeString(pem, key.out());
    CliRun pinned = CliRun.run("verify", file.toString(), "--key", pem.toString());
    assertEquals(ExitCodes.OK, pinned.exit(), pinned.err());
  }

  @Test
  void aChangedRowCountOrAnyOtherManifestFieldBreaksTheSignature() throws Exception {
    editManifest("\"rows\" : 12,", "\"rows\" : 11,");
    CliRun r = CliRun.run("verify", file.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertTrue(
        r.err().contains("does not match the manifest: the manifest (its row count"), r.err());

    editManifest("\"rows\" : 11,", "\"rows\" : 12,");
    assertEquals(ExitCodes.OK, CliRun.run("verify", file.toString()).exit(), "restored");
    editManifest("\"auditdesk_version\" : \"", "\"auditdesk_version\" : \"x");
    CliRun other = CliRun.run("verify", file.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, other.exit(), other.err());
    assertTrue(other.err().contains("was changed after it was signed"), other.err());
  }

  @Test
  void aChangedExportFailsOnItsHashAndAMissingSignatureFails() throws Exception {
    Files.writeString(file, Files.readString(file).replace("alice", "mallory"));
    CliRun r = CliRun.run("verify", file.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertTrue(r.err().contains("the file was changed after it was exported"), r.err());

    Files.delete(signature);
    CliRun unsigned = CliRun.run("verify", file.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, unsigned.exit());
    assertTrue(
        unsigned.err().contains("There is no signature q4.csv.manifest.json.sig"), unsigned.err());
  }

  @Test
  void aPinnedKeyThatDiffersFails() throws Exception {
    Path other = dir.resolve("someone-else.pem");
    Files.writeString(
        other,
        InstallationKey.pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    CliRun r = CliRun.run("verify", file.toString(), "--key", other.toString());
    assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
    assertTrue(r.err().contains("not with the key you pinned"), r.err());

    Files.writeString(other, "not a key");
    CliRun bad = CliRun.run("verify", file.toString(), "--key", other.toString());
    assertEquals(ExitCodes.USAGE, bad.exit());
    assertTrue(bad.err().contains("not an Ed25519 public key in PEM form"), bad.err());
  }

  /** The block of docs/EXPORT.md that starts with "# Verify q4.csv without AuditDesk". */
  private static String documentedCommands() throws Exception {
    Path doc = Path.of("..", "docs", "EXPORT.md");
    String text = Files.readString(doc);
    int start = text.indexOf("# Verify q4.csv without AuditDesk");
    assertTrue(start > 0, "the block is in docs/EXPORT.md");
    return text.substring(start, text.indexOf("```", start));
  }

  private record Shell(int exit, List<String> lines) {}

  private Shell runDocumented() throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", documentedCommands())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Shell(p.exitValue(), out.lines().toList());
  }

  @Test
  void theOpensslStepsOfTheDocsVerifyAnUntouchedExportAndCatchEachChange() throws Exception {
    Shell ok = runDocumented();
    assertEquals(0, ok.exit(), ok.lines().toString());
    String sha = manifestJson().path("sha256").asText();
    assertEquals(sha, ok.lines().get(0), "sha256sum of the file");
    assertEquals(sha, ok.lines().get(1), "the manifest's sha256");
    assertEquals(
        manifestJson().path("signer").path("fingerprint_sha256").asText(), ok.lines().get(2));
    assertEquals("Signature Verified Successfully", ok.lines().get(3));

    editManifest("\"rows\" : 12,", "\"rows\" : 11,");
    Shell forged = runDocumented();
    assertNotEquals(0, forged.exit());
    assertTrue(
        forged.lines().contains("Signature Verification Failure"), forged.lines().toString());

    editManifest("\"rows\" : 11,", "\"rows\" : 12,");
    Files.writeString(file, Files.readString(file).replace("alice", "mallory"));
    Shell changedFile = runDocumented();
    assertEquals(0, changedFile.exit(), "the manifest itself is untouched");
    assertNotEquals(changedFile.lines().get(0), changedFile.lines().get(1));
  }
}
