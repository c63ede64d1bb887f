package dev.auditdesk.export;

import dev.auditdesk.AppDirs;
import dev.auditdesk.OsKeyring;
import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * This installation's own Ed25519 key pair, which signs every export manifest. Made on first use
 * and kept in the OS keyring when one answers, else in an owner-only file in the config folder. The
 * private key never leaves that place; {@link #publicPem()} is what a recipient pins. Blocking (the
 * keyring): call off the FX thread.
 */
public final class InstallationKey {

  static final String ALGORITHM = "Ed25519";
  static final String KEYRING_SERVICE = "AuditDesk signing key";

  /** Where a key pair is kept, as one line of text (PKCS#8 and X.509, both Base64). */
  public interface Store {
    Optional<String> read() throws IOException;

    void write(String secret) throws IOException;

    /** In the user's words, e.g. "the OS keyring". */
    String describe();
  }

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keptIn;

  private InstallationKey(PrivateKey privateKey, PublicKey publicKey, String keptIn) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keptIn = keptIn;
  }

  /**
   * The installation's key: from the OS keyring or the owner-only file; made when neither has one.
   */
  public static InstallationKey installation() throws IOException {
    List<Store> stores = new ArrayList<>();
    if (OsKeyring.shared().available()) {
      stores.add(keyring());
    }
    stores.add(file(AppDirs.config().resolve("signing-key")));
    return load(stores);
  }

  /** The first key a store holds; otherwise a new one, kept in the first store that takes it. */
  public static InstallationKey load(List<Store> stores) throws IOException {
    for (Store s : stores) {
      Optional<String> text = s.read();
      if (text.isPresent()) {
        return parse(text.get(), s.describe());
      }
    }
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java has no Ed25519", e);
    }
    String text =
        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
            + " "
            + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    IOException last = null;
    for (Store s : stores) {
      try {
        s.write(text);
        return new InstallationKey(pair.getPrivate(), pair.getPublic(), s.describe());
      } catch (IOException e) {
        last = e;
      }
    }
    throw new IOException(
        "This installation's signing key could not be kept ("
            + (last == null ? "nowhere to keep it" : last.getMessage())
            + "), so the export could not be signed.",
        last);
  }

  private static InstallationKey parse(String text, String where) throws IOException {
    String[] parts = text.trim().split(" ");
    try {
      KeyFactory f = KeyFactory.getInstance(ALGORITHM);
      return new InstallationKey(
          f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))),
          f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
          where);
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IOException(
          "This installation's signing key in "
              + where
              + " is damaged; remove it to make a new one.",
          e);
    }
  }

  /** The OS keyring, one entry per config folder (a portable install has its own). */
  static Store keyring() {
    String account = AppDirs.config().toAbsolutePath().toString();
    OsKeyring k = OsKeyring.shared();
    return new Store() {
      @Override
      public Optional<String> read() {
        return k.read(KEYRING_SERVICE, account);
      }

      @Override
      public void write(String secret) throws IOException {
        try {
          k.write(KEYRING_SERVICE, account, secret);
        } catch (Exception e) {
          throw new IOException("the OS keyring refused it: " + e.getClass().getSimpleName(), e);
        }
      }

      @Override
      public String describe() {
        return "the OS keyring";
      }
    };
  }

  /** An owner-only file: where the key lives without a keyring. */
  static Store file(Path path) {
    return new Store() {
      @Override
      public Optional<String> read() throws IOException {
        return Files.isRegularFile(path)
            ? Optional.of(Files.readString(path, StandardCharsets.US_ASCII))
            : Optional.empty();
      }

      @Override
      public void write(String secret) throws IOException {
        PrivateFiles.writeAtomically(path, (secret + "\n").getBytes(StandardCharsets.US_ASCII));
      }

      @Override
      public String describe() {
        return "the owner-only file " + path;
      }
    };
  }

  /** Where the private key is kept, in the user's words. */
  public String keptIn() {
    return keptIn;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The Ed25519 signature (64 bytes) of {@code bytes}. */
  byte[] sign(byte[] bytes) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(bytes);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  public String publicPem() {
    return pem(publicKey);
  }

  public String fingerprint() {
    return fingerprint(publicKey);
  }

  /** PEM of a public key, as {@code openssl pkey -pubin} reads it. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * SHA-256 of the key's DER form, in hex: what {@code openssl pkey -pubin -in key.pem -outform DER
   * | sha256sum} prints.
   */
  public static String fingerprint(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java has no SHA-256", e);
    }
  }

  /**
   * An Ed25519 public key from PEM text (or its one Base64 line); the message says what is wrong.
   */
  public static PublicKey readPublic(String text) throws IOException {
    String body =
        text.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("It is not an Ed25519 public key in PEM form.");
    }
  }
}
