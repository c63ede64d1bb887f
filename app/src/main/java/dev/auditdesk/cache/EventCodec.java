package dev.auditdesk.cache;

import dev.auditdesk.format.AuditEventJsonWriter;
import dev.auditdesk.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** How an {@link AuditEvent} becomes a stored row: its stored JSON and its 64-bit keys. */
final class EventCodec {

  private EventCodec() {}

  /**
   * The JSON stored for an event: the original text when there is one (nothing the server said is
   * lost), otherwise a Coder-shaped object rebuilt from the typed fields.
   */
  static String storedJson(AuditEvent e) {
    return e.rawJson().isBlank() ? AuditEventJsonWriter.toJson(e) : e.rawJson();
  }

  /**
   * A 64-bit key that sorts like the id string: the first 16 hex digits of a UUID, otherwise the
   * first eight characters. Used to break ties between events with the same time.
   */
  static long idKey(String id) {
    if (id.length() == 36 && id.charAt(8) == '-' && id.charAt(13) == '-') {
      long k = 0;
      int digits = 0;
      for (int i = 0; i < 36 && digits < 16; i++) {
        char c = id.charAt(i);
        if (c == '-') {
          continue;
        }
        int v = Character.digit(c, 16);
        if (v < 0) {
          return packed(id);
        }
        k = (k << 4) | v;
        digits++;
      }
      return k;
    }
    return packed(id);
  }

  /**
   * The {@code id} column of an event: empty when the id is a UUID as Coder writes it (lower-case,
   * canonical), which {@code id_key} and {@link #idLow} then hold in 16 bytes instead of 36
   * characters; otherwise the id itself.
   */
  static String storedId(String id) {
    return canonicalUuid(id) != null ? "" : id;
  }

  /** The {@code id_low} column: the low 64 bits of a canonical UUID id, otherwise 0. */
  static long idLow(String id) {
    UUID u = canonicalUuid(id);
    return u == null ? 0 : u.getLeastSignificantBits();
  }

  /** The event id back from its {@code id}, {@code id_key} and {@code id_low} columns. */
  static String id(String stored, long idKey, long idLow) {
    return stored.isEmpty() ? new UUID(idKey, idLow).toString() : stored;
  }

  private static UUID canonicalUuid(String id) {
    if (id.length() != 36) {
      return null;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    UUID u = UUID.fromString(id);
    return u.getMostSignificantBits() == idKey(id) ? u : null;
  }

  private static long packed(String id) {
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (i < id.length() ? Math.min(255, id.charAt(i)) : 0);
    }
    return k;
  }

  /** A well-mixed 64-bit hash (FNV-1a, then a MurmurHash3 finaliser). */
  static long hash64(String s) {
    return hash64(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #hash64(String)} of text already encoded as UTF-8. */
  static long hash64(byte[] b) {
    long h = 0xcbf29ce484222325L;
    for (byte x : b) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
