package dev.auditdesk.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one definition of a hash chain's link, shared by the H2 cache's chains and the PostgreSQL
 * archive's, so the same JSON after the same link gives the same hash in both: link n =
 * SHA-256(link n-1 || the row's stored JSON as UTF-8), starting from {@link #GENESIS}.
 */
public final class ChainLink {

  /** The link before the first: 32 zero bytes. */
  private static final byte[] GENESIS = new byte[32];

  /** A checkpoint every this many links. */
  public static final int CHECKPOINT_EVERY = 10_000;

  private ChainLink() {}

  /** The link before the first (a fresh copy). */
  public static byte[] genesis() {
    return GENESIS.clone();
  }

  /** SHA-256(previous || utf8), with {@code sha} reused between calls (it is reset by digest). */
  public static byte[] next(MessageDigest sha, byte[] previous, byte[] utf8) {
    sha.update(previous);
    sha.update(utf8);
    return sha.digest();
  }

  /** The link after {@code previous} over {@code json}. */
  public static byte[] next(MessageDigest sha, byte[] previous, String json) {
    return next(sha, previous, json.getBytes(StandardCharsets.UTF_8));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no SHA-256", e);
    }
  }
}
