package dev.auditdesk.cache;

import dev.auditdesk.model.ConnectionRow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upsert of connection rows by id: a new row is inserted, a row whose original JSON changed (its
 * session ended) is replaced, an unchanged one is skipped, so reading a page twice changes nothing.
 * Each new or changed row joins the connection log's hash chain (a changed one with the JSON it
 * replaced). Runs on the writer connection under the cache's write lock; the caller commits, then
 * tells the chain.
 */
final class ConnectionStore {

  private ConnectionStore() {}

  static ConnectionLogCache.Written upsert(
      Connection c, Collection<ConnectionRow> rows, HashChain chain) throws SQLException {
    Map<String, ConnectionRow> byId = new LinkedHashMap<>();
    for (ConnectionRow r : rows) {
      byId.put(r.id(), r); // the last of a page's duplicates wins, as in a tree
    }
    if (byId.isEmpty()) {
      return new ConnectionLogCache.Written(0, 0);
    }
    Map<String, Long> held = new HashMap<>();
    Map<String, String> heldRaw = new HashMap<>();
    try (NamedSql q = new NamedSql(c, ConnectionTable.HASHES)) {
      q.set("ids", byId.keySet().toArray());
      try (ResultSet r = q.statement().executeQuery()) {
        while (r.next()) {
          held.put(r.getString("id"), r.getLong("content_hash"));
          heldRaw.put(r.getString("id"), r.getString("raw"));
        }
      }
    }
    int added = 0;
    int changed = 0;
    try (NamedSql ins = new NamedSql(c, ConnectionTable.INSERT);
        NamedSql upd = new NamedSql(c, ConnectionTable.UPDATE)) {
      for (ConnectionRow r : byId.values()) {
        String raw = ConnectionTable.raw(r);
        byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
        Long old = held.get(r.id());
        if (old == null) {
          chain.append(r.id(), utf8, null);
          ConnectionTable.bind(ins, r, raw);
          ins.statement().addBatch();
          added++;
        } else if (old != EventCodec.hash64(utf8)) {
          chain.append(r.id(), utf8, heldRaw.get(r.id()));
          ConnectionTable.bind(upd, r, raw);
          upd.statement().addBatch();
          changed++;
        }
      }
      if (added > 0) {
        ins.statement().executeBatch();
      }
      if (changed > 0) {
        upd.statement().executeBatch();
      }
    }
    chain.flush(c);
    return new ConnectionLogCache.Written(added, changed);
  }
}
