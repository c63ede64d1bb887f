package dev.auditdesk.cache;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL of H2's {@code event} and {@code dict} tables at run time (the schema itself is in {@link
 * Migrations}), with statements whose parameters are bound by column name. The dictionary columns
 * come from {@link IndexedColumn}, so a new filter column is added there, not here.
 */
final class EventTable {

  /** The columns every write sets, in one order for INSERT and UPDATE. */
  static final List<String> FIELDS = fields();

  static final String INSERT =
      "INSERT INTO event(rk, id, id_low, "
          + String.join(", ", FIELDS)
          + ") VALUES(?, ?, ?"
          + ", ?".repeat(FIELDS.size())
          + ")";

  static final String UPDATE =
      "UPDATE event SET "
          + FIELDS.stream().map(f -> f + " = ?").collect(Collectors.joining(", "))
          + " WHERE rk = ?";

  /** What the column index keeps of every row, from row {@code rk >= ?} in row order. */
  static final String INDEX_ROWS = indexRows("id_low");

  /**
   * {@link #INDEX_ROWS} of a file older than {@link JsonPacking#SINCE} (ids whole in {@code id}).
   */
  static final String INDEX_ROWS_TEXT = indexRows("0 AS id_low");

  private static String indexRows(String idLow) {
    return "SELECT rk, id, "
        + idLow
        + ", time_us, id_key, request_key, resource_key, status, "
        + IndexedColumn.stream().map(c -> c.sqlName).collect(Collectors.joining(", "))
        + " FROM event WHERE rk >= ? ORDER BY rk";
  }

  static final String ROW_COUNT = "SELECT COUNT(*) FROM event";
  static final String LAST_ROW_KEYS = "SELECT time_us, id_key FROM event WHERE rk = ?";
  static final String CONTENT_HASHES =
      "SELECT id, id_key, id_low, rk, content_hash FROM event WHERE rk = ANY(?)";
  static final String BODY_RANGE = "SELECT rk, body FROM event WHERE rk BETWEEN ? AND ?";
  static final String BODY_ANY = "SELECT rk, body FROM event WHERE rk = ANY(?)";
  static final String BODY_OF = "SELECT body FROM event WHERE rk = ?";
  static final String ID_RANGE =
      "SELECT rk, id, id_key, id_low FROM event WHERE rk BETWEEN ? AND ?";
  static final String ID_ANY = "SELECT rk, id, id_key, id_low FROM event WHERE rk = ANY(?)";

  // A read-only open does not migrate: a file older than JsonPacking.SINCE is read as it is.
  static final String TEXT_RANGE = "SELECT rk, raw FROM event WHERE rk BETWEEN ? AND ?";
  static final String TEXT_ANY = "SELECT rk, raw FROM event WHERE rk = ANY(?)";
  static final String TEXT_ID_RANGE =
      "SELECT rk, id, id_key, 0 FROM event WHERE rk BETWEEN ? AND ?";
  static final String TEXT_ID_ANY = "SELECT rk, id, id_key, 0 FROM event WHERE rk = ANY(?)";
  static final String DICT_ALL = "SELECT kind, code, v FROM dict";

  /** A range of the primary key (kind, code): the values added after an index file was saved. */
  static final String DICT_FROM =
      "SELECT code, v FROM dict WHERE kind = ? AND code >= ? ORDER BY code";

  static final String DICT_INSERT = "INSERT INTO dict(kind, code, v) VALUES(?, ?, ?)";

  private EventTable() {}

  private static List<String> fields() {
    List<String> f =
        new ArrayList<>(List.of("time_us", "id_key", "request_key", "resource_key", "status"));
    IndexedColumn.stream().forEach(c -> f.add(c.sqlName));
    f.add("content_hash");
    f.add("body");
    return Collections.unmodifiableList(f);
  }

  /** The parameters of an INSERT ({@code rk, id, id_low, FIELDS}). */
  static List<String> insertParameters() {
    List<String> p = new ArrayList<>(List.of("rk", "id", "id_low"));
    p.addAll(FIELDS);
    return p;
  }

  /** The parameters of an UPDATE ({@code FIELDS, rk}). */
  static List<String> updateParameters() {
    List<String> p = new ArrayList<>(FIELDS);
    p.add("rk");
    return p;
  }

  /** Sets the written fields of one row: its column values, content hash and packed JSON. */
  static void bindFields(Named p, long rk, ColumnIndex.Row r, long hash, byte[] body)
      throws SQLException {
    p.setLong("rk", rk);
    p.setLong("time_us", r.time());
    p.setLong("id_key", r.idKey());
    p.setLong("request_key", r.requestKey());
    p.setLong("resource_key", r.resourceKey());
    p.setInt("status", r.status());
    for (IndexedColumn c : IndexedColumn.values()) {
      p.setInt(c.sqlName, r.codes()[c.ordinal()]);
    }
    p.setLong("content_hash", hash);
    p.setBytes("body", body);
  }

  /** Sets the id columns of a new row (see {@link EventCodec#storedId}). */
  static void bindId(Named p, String id) throws SQLException {
    p.setString("id", EventCodec.storedId(id));
    p.setLong("id_low", EventCodec.idLow(id));
  }

  /** The event id from three columns, {@code id, id_key, id_low}, the first at {@code at}. */
  static String id(ResultSet r, int at) throws SQLException {
    return EventCodec.id(r.getString(at), r.getLong(at + 1), r.getLong(at + 2));
  }

  /** A prepared statement whose parameters are set by column name. */
  static final class Named {
    private final PreparedStatement statement;
    private final Map<String, Integer> positions = new HashMap<>();

    Named(PreparedStatement statement, List<String> parameters) {
      this.statement = statement;
      for (int i = 0; i < parameters.size(); i++) {
        positions.put(parameters.get(i), i + 1);
      }
    }

    void setLong(String column, long v) throws SQLException {
      statement.setLong(at(column), v);
    }

    void setInt(String column, int v) throws SQLException {
      statement.setInt(at(column), v);
    }

    void setString(String column, String v) throws SQLException {
      statement.setString(at(column), v);
    }

    void setBytes(String column, byte[] v) throws SQLException {
      statement.setBytes(at(column), v);
    }

    private int at(String column) {
      Integer i = positions.get(column);
      if (i == null) {
        throw new IllegalArgumentException(column + " is no parameter of this statement");
      }
      return i;
    }
  }

  /** Reads {@link #INDEX_ROWS} results by column name (looked up once per query). */
  static final class IndexRows {
    private final ResultSet r;
    private final int rk;
    private final int id;
    private final int idLow;
    private final int time;
    private final int idKey;
    private final int requestKey;
    private final int resourceKey;
    private final int status;
    private final int[] codes = new int[IndexedColumn.COUNT];

    IndexRows(ResultSet r) throws SQLException {
      this.r = r;
      rk = r.findColumn("rk");
      id = r.findColumn("id");
      idLow = r.findColumn("id_low");
      time = r.findColumn("time_us");
      idKey = r.findColumn("id_key");
      requestKey = r.findColumn("request_key");
      resourceKey = r.findColumn("resource_key");
      status = r.findColumn("status");
      for (IndexedColumn c : IndexedColumn.values()) {
        codes[c.ordinal()] = r.findColumn(c.sqlName);
      }
    }

    long rk() throws SQLException {
      return r.getLong(rk);
    }

    String id() throws SQLException {
      return EventCodec.id(r.getString(id), r.getLong(idKey), r.getLong(idLow));
    }

    /** The current row, its id hashed to {@code idHash}. */
    ColumnIndex.Row row(long idHash) throws SQLException {
      int[] c = new int[IndexedColumn.COUNT];
      for (int i = 0; i < c.length; i++) {
        c[i] = r.getInt(codes[i]);
      }
      return new ColumnIndex.Row(
          r.getLong(time),
          r.getLong(idKey),
          idHash,
          r.getLong(requestKey),
          r.getLong(resourceKey),
          r.getInt(status),
          c);
    }
  }
}
