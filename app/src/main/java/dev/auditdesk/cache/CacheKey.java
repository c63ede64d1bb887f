package dev.auditdesk.cache;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The passphrase of an encrypted cache file: 256 random bits, base64. {@link #toString()} never
 * shows it, so it cannot reach a log line by accident; only {@link #reveal()} gives the value, for
 * H2 and the keyring.
 */
public final class CacheKey {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  public CacheKey(String value) {
    // H2 splits "filePassword userPassword" at the first space, so a key may not contain one.
    if (value == null || value.isBlank() || value.contains(" ")) {
      throw new IllegalArgumentException("A cache key is a non-empty word.");
    }
    this.value = value;
  }

  /** A new random key. */
  public static CacheKey generate() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    return new CacheKey(Base64.getEncoder().encodeToString(bits));
  }

  public String reveal() {
    return value;
  }

  /** The JDBC password H2 expects with {@code CIPHER}: the file password, a space, the user's. */
  String jdbcPassword() {
    return value + " ";
  }

  @Override
  public String toString() {
    return "CacheKey[hidden]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheKey k && k.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
