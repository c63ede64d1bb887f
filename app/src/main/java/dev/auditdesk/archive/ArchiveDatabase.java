package dev.auditdesk.archive;

import dev.auditdesk.cache.CacheException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The connections to one archive database: a few kept open for the window's parallel queries, each
 * opened with the credentials apart from the address, and PostgreSQL's failures as plain sentences.
 */
final class ArchiveDatabase implements AutoCloseable {

  /** Idle connections kept; the window runs a count, a page, facets and a histogram at once. */
  private static final int KEEP = 4;

  private final ArchiveUrl url;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ArchiveDatabase(ArchiveUrl url) {
    this.url = url;
  }

  ArchiveUrl url() {
    return url;
  }

  /** A connection to use and hand back with {@link #release}; opens one when none is idle. */
  Connection borrow() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new SQLException("The archive was closed.", "08003");
      }
      Connection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    return open();
  }

  /** Hands a connection back; a broken one (or one over the few kept) is closed. */
  void release(Connection c, boolean broken) {
    if (c == null) {
      return;
    }
    try {
      if (!broken && !c.isClosed() && c.getAutoCommit()) {
        synchronized (idle) {
          if (!closed && idle.size() < KEEP) {
            idle.addFirst(c);
            return;
          }
        }
      }
      c.close();
    } catch (SQLException ignored) {
      // Closing a broken connection fails as well; it is dropped either way.
    }
  }

  Connection open() throws SQLException {
    Properties p = new Properties();
    if (!url.user().isEmpty()) {
      p.setProperty("user", url.user());
    }
    if (!url.password().isEmpty()) {
      p.setProperty("password", url.password());
    }
    p.setProperty("ApplicationName", "AuditDesk");
    p.putIfAbsent("connectTimeout", "15");
    // A plan for the values asked, every time: by default the driver prepares a statement on the
    // server after five runs, and PostgreSQL may then keep a generic plan that cannot see that one
    // user has 100 events and another a million (a first page of one user's workspaces went from
    // 3 to 195 ms that way, docs/PERFORMANCE.md). Unnamed statements are planned with their values
    // each time (well under a millisecond), and a pooler such as PgBouncer in transaction mode
    // needs them anyway; a server setting (plan_cache_mode) would be refused by such a pooler.
    p.setProperty("prepareThreshold", "0");
    return DriverManager.getConnection(url.jdbcUrl(), p);
  }

  /**
   * Creates or updates the schema with the numbered migrations: SQL in db/archive, Java here (the
   * hash chain, {@link V2__Hash_chain}), up to {@code target} ("latest" in use; tests stop
   * earlier). Returns the versions applied.
   */
  List<String> migrate(String target) throws CacheException {
    try {
      return flyway().target(target).baselineOnMigrate(false).load().migrate().migrations.stream()
          .map(m -> m.version)
          .toList();
    } catch (FlywayException e) {
      SQLException sql = sqlCause(e);
      if (sql != null) {
        throw translate(sql);
      }
      throw new CacheException(
          CacheException.Problem.IO,
          "The archive " + url.display() + " could not be set up: " + e.getMessage(),
          e);
    }
  }

  /** The schema version the database has; empty when {@code archive init} never ran. */
  String schemaVersion() throws CacheException {
    try {
      var info = flyway().load().info().current();
      return info == null ? "" : info.getVersion().getVersion();
    } catch (FlywayException e) {
      SQLException sql = sqlCause(e);
      throw sql != null
          ? translate(sql)
          : new CacheException(CacheException.Problem.IO, e.getMessage(), e);
    }
  }

  private FluentConfiguration flyway() {
    return Flyway.configure(ArchiveDatabase.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/archive")
        .javaMigrations(new V2__Hash_chain())
        .table("archive_schema_history");
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** A PostgreSQL failure as a sentence naming the archive (never its password) and the way out. */
  CacheException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = url.display();
    String msg;
    if (state.equals("28P01") || state.equals("28000")) {
      msg =
          "The archive "
              + where
              + " refused the user name or password. Check them, or ask its administrator.";
    } else if (state.equals("3D000")) {
      msg =
          "The database of "
              + where
              + " does not exist. Create it first (docs/ARCHIVE.md), then run"
              + " 'auditdesk archive init'.";
    } else if (state.equals("42P01")) {
      msg =
          "The archive "
              + where
              + " has no AuditDesk tables yet. Run 'auditdesk archive init --db ...' first.";
    } else if (state.equals("42501")) {
      msg =
          "The user "
              + (url.user().isEmpty() ? "given" : url.user())
              + " may not do this in "
              + where
              + " (a read-only auditor's role cannot sync; see docs/ARCHIVE.md).";
    } else if (state.startsWith("08")) {
      msg =
          "Could not reach the archive "
              + where
              + ": "
              + firstLine(e.getMessage())
              + " Check the address and that PostgreSQL accepts connections from here.";
    } else {
      msg = "The archive " + where + " failed: " + firstLine(e.getMessage());
    }
    return new CacheException(CacheException.Problem.IO, msg, e);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      for (Connection c : idle) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // Closing is best effort: the server drops the session when the socket goes.
        }
      }
      idle.clear();
    }
  }
}
