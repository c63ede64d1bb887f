package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the installation's signing key is kept: an in-memory stand-in for the OS keyring (this
 * machine has no Secret Service), and the real owner-only file.
 */
class InstallationKeyTest {

  @TempDir Path dir;

  /** The keyring as the tests can have it: holds one secret, or refuses like a locked keyring. */
  static final class MemoryKeyring implements InstallationKey.Store {
    String secret;
    boolean refuses;

    @Override
    public Optional<String> read() {
      return Optional.ofNullable(secret);
    }

    @Override
    public void write(String s) throws IOException {
      if (refuses) {
        throw new IOException("the OS keyring refused it");
      }
      secret = s;
    }

    @Override
    public String describe() {
      return "the OS keyring";
    }
  }

  @Test
  void theKeyIsMadeOnceAndKeptInTheKeyringWhenItAnswers() throws Exception {
    MemoryKeyring keyring = new MemoryKeyring();
    Path file = dir.resolve("config/signing-key");
    List<InstallationKey.Store> stores = List.of(keyring, InstallationKey.file(file));
    InstallationKey first = InstallationKey.load(stores);
    assertEquals("the OS keyring", first.keptIn());
    assertFalse(Files.exists(file), "no copy of the private key on disk");
    InstallationKey again = InstallationKey.load(stores);
    assertEquals(first.fingerprint(), again.fingerprint());
    assertTrue(first.publicPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertEquals(first.publicKey(), InstallationKey.readPublic(first.publicPem()));
  }

  @Test
  void withoutAKeyringTheKeyIsAnOwnerOnlyFileAndSurvivesARestart() throws Exception {
    MemoryKeyring keyring = new MemoryKeyring();
    keyring.refuses = true;
    Path file = dir.resolve("config/signing-key");
    InstallationKey first = InstallationKey.load(List.of(keyring, InstallationKey.file(file)));
    assertTrue(first.keptIn().contains(file.toString()), first.keptIn());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    InstallationKey later = InstallationKey.load(List.of(InstallationKey.file(file)));
    assertEquals(first.fingerprint(), later.fingerprint());
    byte[] data = "manifest".getBytes();
    java.security.Signature v = java.security.Signature.getInstance("Ed25519");
    v.initVerify(later.publicKey());
    v.update(data);
    assertTrue(v.verify(first.sign(data)), "the reloaded key verifies what the first signed");
  }

  @Test
  void aDamagedKeyFileIsReportedInPlainWords() throws Exception {
    Path file = dir.resolve("signing-key");
    Files.writeString(file, "garbage");
    IOException e =
        assertThrows(
            IOException.class, () -> InstallationKey.load(List.of(InstallationKey.file(file))));
    assertTrue(e.getMessage().contains("is damaged; remove it to make a new one"), e.getMessage());
  }
}
