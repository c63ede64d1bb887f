package dev.auditdesk.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

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

  /**
   * Where a chain ends, as its store records it: the next position, the rows it accounts for, and
   * the last link. Kept as text {@code last:rows:hex} ({@link #text}).
   */
  public record Head(long next, long rows, byte[] link) {
    public static final Head EMPTY = new Head(0, 0, genesis());

    public String text() {
      return (next - 1) + ":" + rows + ":" + HexFormat.of().formatHex(link);
    }

    /** Reads {@link #text()}; empty when missing or unreadable. */
    public static Optional<Head> parse(String s) {
      String[] p = s == null ? new String[0] : s.split(":");
      try {
        return p.length == 3
            ? Optional.of(
                new Head(
                    Long.parseLong(p[0]) + 1, Long.parseLong(p[1]), HexFormat.of().parseHex(p[2])))
            : Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

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
