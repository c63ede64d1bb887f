package dev.auditdesk.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared statement written with {@code :name} parameters and bound by name, so adding a column
 * or a filter never shifts a number. A name may appear more than once; every one is set.
 */
final class NamedSql implements AutoCloseable {

  private final PreparedStatement statement;
  private final Map<String, List<Integer>> positions = new HashMap<>();

  NamedSql(Connection c, String sql) throws SQLException {
    StringBuilder plain = new StringBuilder(sql.length());
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int j = i + 1;
        while (j < sql.length() && Character.isJavaIdentifierPart(sql.charAt(j))) {
          j++;
        }
        positions.computeIfAbsent(sql.substring(i + 1, j), k -> new ArrayList<>()).add(++n);
        plain.append('?');
        i = j - 1;
      } else {
        plain.append(ch);
      }
    }
    statement = c.prepareStatement(plain.toString());
  }

  NamedSql set(String name, Object value) throws SQLException {
    List<Integer> at = positions.get(name);
    if (at == null) {
      throw new IllegalArgumentException(name + " is no parameter of this statement");
    }
    for (int i : at) {
      statement.setObject(i, value);
    }
    return this;
  }

  PreparedStatement statement() {
    return statement;
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
