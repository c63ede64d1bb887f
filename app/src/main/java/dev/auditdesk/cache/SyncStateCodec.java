package dev.auditdesk.cache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link SyncState} as rows of the meta table. */
final class SyncStateCodec {

  private SyncStateCodec() {}

  static SyncState read(Map<String, String> m) {
    return new SyncState(
        instant(m.get("sync.last")),
        Boolean.parseBoolean(m.getOrDefault("sync.history_complete", "false")),
        instant(m.get("server.oldest")),
        m.getOrDefault("server.version", ""),
        instant(m.get("sync.walked_at")));
  }

  static Map<String, String> write(SyncState s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sync.last", s.lastSync().toString());
    m.put("sync.history_complete", Boolean.toString(s.historyComplete()));
    m.put("server.oldest", s.serverOldest().toString());
    m.put("server.version", s.serverVersion());
    m.put("sync.walked_at", s.walkedAt().toString());
    return m;
  }

  /** A stored instant; EPOCH (never) when absent or unreadable. */
  static Instant instant(String s) {
    if (s == null || s.isEmpty()) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
