package dev.auditdesk.cache;

import dev.auditdesk.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes events: new ones are appended to H2 and the column index, changed ones (same id, other
 * content) replaced in both, unchanged ones skipped. H2 commits first; the index and the id keys
 * only take the rows once the commit succeeded, so a failed write leaves both as they were. Writer
 * only: called under the cache's write lock.
 */
final class EventStore {

  static final int FETCH_CHUNK = 1_000;

  private final CacheDatabase db;
  private final ColumnIndex index;
  private final IdKeys ids;
  private final HashChain chain;
  private final JsonPacking packing;

  EventStore(
      CacheDatabase db, ColumnIndex index, IdKeys ids, HashChain chain, JsonPacking packing) {
    this.db = db;
    this.index = index;
    this.ids = ids;
    this.chain = chain;
    this.packing = packing;
  }

  /** What one write did. */
  record Written(int added, int changed) {}

  /**
   * Upserts {@code events} and, in the same transaction, writes {@code meta} (how far the sync got)
   * and deletes the meta key {@code staleWhenChanged} (if any) when an event changed; checkpoints
   * when {@code meta} is not empty, so a killed sync resumes from what the file holds.
   */
  Written upsert(Collection<AuditEvent> events, Map<String, String> meta, String staleWhenChanged)
      throws CacheException {
    Map<String, AuditEvent> byId = new LinkedHashMap<>();
    for (AuditEvent e : events) {
      if (e.id().isEmpty()) {
        throw new IllegalArgumentException("An audit event without an id cannot be cached.");
      }
      byId.put(e.id(), e);
    }
    int base = index.size();
    int[] dictBefore = new int[IndexedColumn.COUNT];
    for (int c = 0; c < IndexedColumn.COUNT; c++) {
      dictBefore[c] = index.dicts[c].size();
    }
    List<ColumnIndex.Row> added = new ArrayList<>();
    List<Integer> changedRows = new ArrayList<>();
    List<ColumnIndex.Row> changed = new ArrayList<>();
    try {
      Connection w = db.writer();
      Map<String, long[]> existing = existing(byId.keySet());
      // Encoded once for the chain's SHA-256, the content hash and the packed body.
      Map<String, byte[]> utf8s = new LinkedHashMap<>();
      for (AuditEvent e : byId.values()) {
        utf8s.put(e.id(), EventCodec.storedJson(e).getBytes(StandardCharsets.UTF_8));
      }
      trainWhenDue(w, utf8s.values());
      boolean marked = false;
      try (PreparedStatement insert = w.prepareStatement(EventTable.INSERT);
          PreparedStatement update = w.prepareStatement(EventTable.UPDATE);
          PreparedStatement mark = w.prepareStatement(EventMarks.MERGE);
          PreparedStatement unmark = w.prepareStatement(EventMarks.DELETE)) {
        var ins = new EventTable.Named(insert, EventTable.insertParameters());
        var upd = new EventTable.Named(update, EventTable.updateParameters());
        for (AuditEvent e : byId.values()) {
          byte[] utf8 = utf8s.get(e.id());
          long hash = EventCodec.hash64(utf8);
          long[] old = existing.get(e.id());
          if (old != null && old[1] == hash) {
            continue;
          }
          ColumnIndex.Row row = encode(e);
          if (old == null) {
            chain.append((long) (base + added.size()), utf8, null);
            EventTable.bindFields(ins, base + added.size(), row, hash, packing.pack(utf8));
            EventTable.bindId(ins, e.id());
            insert.addBatch();
            marked |= EventMarks.bind(mark, unmark, base + added.size(), e, false);
            added.add(row);
          } else {
            chain.append(old[0], utf8, storedJson(w, old[0]));
            EventTable.bindFields(upd, old[0], row, hash, packing.pack(utf8));
            update.addBatch();
            // The event's marks follow its new diff, in the same transaction.
            marked |= EventMarks.bind(mark, unmark, old[0], e, true);
            changedRows.add((int) old[0]);
            changed.add(row);
          }
        }
        if (!added.isEmpty()) {
          insert.executeBatch();
        }
        if (!changed.isEmpty()) {
          update.executeBatch();
        }
        if (marked) {
          mark.executeBatch();
          unmark.executeBatch();
        }
      }
      insertNewDictionaryValues(w, dictBefore);
      chain.flush(w);
      db.writeMeta(meta);
      if (!changed.isEmpty() && staleWhenChanged != null) {
        db.deleteMeta(staleWhenChanged);
      }
      db.commit();
      chain.committed();
      packing.committed();
      if (!meta.isEmpty()) {
        db.checkpoint();
      }
    } catch (SQLException e) {
      undo();
      throw db.translate(e);
    } catch (RuntimeException e) {
      undo();
      throw e;
    }
    for (Dictionary dict : index.dicts) {
      dict.commit();
    }
    for (ColumnIndex.Row r : added) {
      ids.add(r.idHash(), index.append(r));
    }
    for (int i = 0; i < changed.size(); i++) {
      index.update(changedRows.get(i), changed.get(i));
    }
    if (!added.isEmpty() || !changed.isEmpty()) {
      index.publish();
    }
    return new Written(added.size(), changed.size());
  }

  private void undo() {
    db.rollbackQuietly();
    chain.rolledBack();
    packing.rolledBack();
    for (Dictionary dict : index.dicts) {
      dict.rollback();
    }
  }

  /** The JSON a changed event is about to lose: kept in its new chain link. */
  private String storedJson(Connection w, long rk) throws SQLException {
    try (PreparedStatement p = w.prepareStatement(EventTable.BODY_OF)) {
      p.setLong(1, rk);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? packing.unpack(r.getBytes(1)) : "";
      }
    }
  }

  /**
   * Trains the cache's JSON dictionary once it holds {@link JsonPacking#TRAIN_AT} events, from this
   * write's events and, when they are fewer than that, the latest ones stored (packed without one).
   */
  private void trainWhenDue(Connection w, Collection<byte[]> writing) throws SQLException {
    if (!packing.untrained() || index.size() + writing.size() < JsonPacking.TRAIN_AT) {
      return;
    }
    List<byte[]> samples = new ArrayList<>();
    for (byte[] b : writing) {
      if (samples.size() < JsonPacking.TRAIN_SAMPLES) {
        samples.add(b);
      }
    }
    if (samples.size() < JsonPacking.TRAIN_SAMPLES) {
      try (PreparedStatement p =
          w.prepareStatement("SELECT body FROM event ORDER BY rk DESC LIMIT ?")) {
        p.setInt(1, JsonPacking.TRAIN_SAMPLES - samples.size());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            samples.add(packing.unpack(r.getBytes(1)).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    packing.train(w, samples);
  }

  private void insertNewDictionaryValues(Connection w, int[] before) throws SQLException {
    try (PreparedStatement d = w.prepareStatement(EventTable.DICT_INSERT)) {
      boolean any = false;
      for (IndexedColumn c : IndexedColumn.values()) {
        Dictionary dict = index.dict(c);
        for (int code = before[c.ordinal()]; code < dict.size(); code++) {
          d.setInt(1, c.dictKind);
          d.setInt(2, code);
          d.setString(3, dict.value(code));
          d.addBatch();
          any = true;
        }
      }
      if (any) {
        d.executeBatch();
      }
    }
  }

  private ColumnIndex.Row encode(AuditEvent e) {
    int[] codes = new int[IndexedColumn.COUNT];
    for (IndexedColumn c : IndexedColumn.values()) {
      codes[c.ordinal()] = index.dict(c).codeOf(c.key(e));
    }
    return new ColumnIndex.Row(
        ColumnIndex.toMicros(e.time()),
        EventCodec.idKey(e.id()),
        EventCodec.hash64(e.id()),
        e.requestId().isEmpty() ? 0 : EventCodec.hash64(e.requestId()),
        e.resourceId().isEmpty() ? 0 : EventCodec.hash64(e.resourceId()),
        e.statusCode(),
        codes);
  }

  /**
   * rk and content hash of the ids already cached. Candidates come from the in-memory id keys; only
   * they are read from H2 (by primary key) to compare the full id, so a page of new events costs no
   * query at all.
   */
  private Map<String, long[]> existing(Collection<String> wanted) throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    if (ids.size() == 0 || wanted.isEmpty()) {
      return out;
    }
    Set<Long> candidates = new LinkedHashSet<>();
    for (String id : wanted) {
      ids.forEachRow(EventCodec.hash64(id), row -> candidates.add((long) row));
    }
    if (candidates.isEmpty()) {
      return out;
    }
    Connection w = db.writer();
    try (PreparedStatement p = w.prepareStatement(EventTable.CONTENT_HASHES)) {
      Long[] all = candidates.toArray(new Long[0]);
      for (int from = 0; from < all.length; from += FETCH_CHUNK) {
        Object[] chunk = Arrays.copyOfRange(all, from, Math.min(all.length, from + FETCH_CHUNK));
        p.setArray(1, w.createArrayOf("BIGINT", chunk));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String id = EventTable.id(r, 1);
            if (wanted.contains(id)) {
              out.put(id, new long[] {r.getLong(4), r.getLong(5)});
            }
          }
        }
      }
    }
    return out;
  }
}
