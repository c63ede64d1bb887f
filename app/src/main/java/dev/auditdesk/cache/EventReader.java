package dev.auditdesk.cache;

import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.JsonObjects;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.Organization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the events of given rows back from H2 by primary key, in the order asked for. */
final class EventReader {

  private final CacheDatabase db;
  private final JsonPacking packing;

  EventReader(CacheDatabase db, JsonPacking packing) {
    this.db = db;
    this.packing = packing;
  }

  /** One text read from a row of a key query, whose first column is the row key. */
  private interface Text {
    String of(ResultSet r) throws SQLException;
  }

  /** The events of {@code rows}, in that order, on a pooled reader connection. */
  List<AuditEvent> fetch(Snapshot s, int[] rows) {
    if (rows.length == 0) {
      return List.of();
    }
    Connection c = db.borrow();
    try {
      return decodeAll(s, rows, readRaw(c, rows));
    } finally {
      db.giveBack(c);
    }
  }

  /**
   * The event ids of {@code rows}, in that order: read a chunk of rows at a time in row order (rows
   * stored together share H2 pages), without the JSON.
   */
  List<String> ids(int[] rows) {
    int[] sorted = Arrays.stream(rows).distinct().sorted().toArray();
    Map<Integer, String> id = new HashMap<>(sorted.length * 2);
    Connection c = db.borrow();
    try {
      for (int from = 0; from < sorted.length; from += EventStore.FETCH_CHUNK) {
        int[] chunk =
            Arrays.copyOfRange(
                sorted, from, Math.min(sorted.length, from + EventStore.FETCH_CHUNK));
        boolean packed = packed();
        String[] read =
            read(
                c,
                chunk,
                packed ? EventTable.ID_RANGE : EventTable.TEXT_ID_RANGE,
                packed ? EventTable.ID_ANY : EventTable.TEXT_ID_ANY,
                r -> EventTable.id(r, 2));
        for (int i = 0; i < chunk.length; i++) {
          id.put(chunk[i], read[i]);
        }
      }
    } finally {
      db.giveBack(c);
    }
    List<String> out = new ArrayList<>(rows.length);
    for (int r : rows) {
      out.add(id.get(r));
    }
    return out;
  }

  /** The stored JSON of the given rows, in that order (null for a row H2 does not have). */
  String[] readRaw(Connection c, int[] rows) {
    if (!packed()) {
      return read(c, rows, EventTable.TEXT_RANGE, EventTable.TEXT_ANY, r -> r.getString(2));
    }
    return read(
        c, rows, EventTable.BODY_RANGE, EventTable.BODY_ANY, r -> packing.unpack(r.getBytes(2)));
  }

  /** False for a file older than {@link JsonPacking#SINCE} opened read-only (not migrated). */
  private boolean packed() {
    return db.schema() >= JsonPacking.SINCE;
  }

  /** One text of the given rows by a range or a key-set query, in the order of rows. */
  private String[] read(Connection c, int[] rows, String rangeSql, String anySql, Text text) {
    String[] out = new String[rows.length];
    if (rows.length == 0) {
      return out;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int r : rows) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    Map<Integer, String> raw = new HashMap<>(rows.length * 2);
    try {
      // Rows synced together sit together: a range scan beats many point lookups then.
      boolean range = (long) max - min + 1 <= 2L * rows.length;
      try (PreparedStatement p = c.prepareStatement(range ? rangeSql : anySql)) {
        if (range) {
          p.setLong(1, min);
          p.setLong(2, max);
        } else {
          Object[] keys = new Object[rows.length];
          for (int i = 0; i < rows.length; i++) {
            keys[i] = (long) rows[i];
          }
          p.setArray(1, c.createArrayOf("BIGINT", keys));
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            raw.put((int) r.getLong(1), text.of(r));
          }
        }
      }
    } catch (SQLException e) {
      CacheException ce = db.translate(e);
      throw new IllegalStateException(ce.getMessage(), ce);
    }
    for (int i = 0; i < rows.length; i++) {
      out[i] = raw.get(rows[i]);
    }
    return out;
  }

  List<AuditEvent> decodeAll(Snapshot s, int[] rows, String[] json) {
    List<AuditEvent> parsed = JsonObjects.parseEach(json, AuditEventJson::read);
    List<AuditEvent> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      if (json[i] != null) {
        AuditEvent e = parsed.get(i);
        out.add(e != null ? e : decode(s, rows[i], json[i]));
      }
    }
    return out;
  }

  private static AuditEvent decode(Snapshot s, int row, String json) {
    try {
      return AuditEventJson.parse(json);
    } catch (AuditEventJson.MalformedEventException e) {
      // Stored text that does not read as a Coder event (e.g. an imported wrapper): rebuild the
      // event from its columns and keep the text, so the row stays visible and nothing is lost.
      String actor = s.value(IndexedColumn.ACTOR, row);
      String org = s.value(IndexedColumn.ORGANIZATION, row);
      return new AuditEvent(
          "",
          "",
          ColumnIndex.micros(s.time.get(row)),
          "",
          new Organization(
              IndexedColumn.part(org, 2), IndexedColumn.part(org, 0), IndexedColumn.part(org, 1)),
          s.value(IndexedColumn.IP, row),
          "",
          s.value(IndexedColumn.RESOURCE_TYPE, row),
          "", // resource ids are kept as hashes; the stored text has it
          s.value(IndexedColumn.RESOURCE_TARGET, row),
          "",
          "",
          s.value(IndexedColumn.ACTION, row),
          List.of(),
          s.status.get(row),
          "{}",
          s.value(IndexedColumn.DESCRIPTION, row),
          false,
          new Actor(
              IndexedColumn.part(actor, 2),
              IndexedColumn.part(actor, 0),
              IndexedColumn.part(actor, 1),
              IndexedColumn.part(actor, 3)),
          s.value(IndexedColumn.BUILD_REASON, row),
          json);
    }
  }
}
