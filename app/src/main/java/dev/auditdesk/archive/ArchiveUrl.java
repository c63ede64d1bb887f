package dev.auditdesk.archive;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a team archive lives: {@code postgresql://[user[:password]@]host[:port]/database?params}
 * (also {@code postgres://} and {@code jdbc:postgresql://}). The user and password may come from
 * the address, from {@code PGUSER}/{@code PGPASSWORD}, or from the OS keyring; they are kept apart
 * from the JDBC address, so the address can be shown and logged without them.
 *
 * @param host the server's host name
 * @param port its port (5432 unless given)
 * @param database the database's name
 * @param params the remaining query parameters (sslmode, sslrootcert, ...), passed to the driver
 * @param user the user name; empty when none was given
 * @param password the password; empty when none was given
 */
public record ArchiveUrl(
    String host,
    int port,
    String database,
    Map<String, String> params,
    String user,
    String password) {

  public ArchiveUrl {
    params = Map.copyOf(params);
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** Parses what a person types; a clear sentence when it is not a PostgreSQL address. */
  public static ArchiveUrl parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException(
          "Enter the archive's address, e.g. postgresql://db.example.com/auditdesk.");
    }
    String rest;
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql://")) {
      rest = t.substring("jdbc:postgresql://".length());
    } else if (lower.startsWith("postgresql://")) {
      rest = t.substring("postgresql://".length());
    } else if (lower.startsWith("postgres://")) {
      rest = t.substring("postgres://".length());
    } else {
      throw new IllegalArgumentException(
          "\""
              + redactedText(t)
              + "\" is not a PostgreSQL address: it should start with postgresql://");
    }
    URI u;
    try {
      u = URI.create("postgresql://" + rest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\"" + redactedText(t) + "\" is not a valid PostgreSQL address.");
    }
    String host = u.getHost();
    String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
    if (host == null || host.isBlank() || db.isBlank() || db.contains("/")) {
      throw new IllegalArgumentException(
          "\""
              + redactedText(t)
              + "\" needs a host and a database, e.g. postgresql://db.example.com/auditdesk.");
    }
    Map<String, String> params = new LinkedHashMap<>();
    String query = u.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.put(k, v);
      }
    }
    String user = params.remove("user");
    String password = params.remove("password");
    String info = u.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0) {
        password = decode(info.substring(colon + 1));
      }
    }
    return new ArchiveUrl(
        host, u.getPort() < 0 ? 5432 : u.getPort(), decode(db), params, user, password);
  }

  /** This address with the user and password that are missing taken from the environment. */
  public ArchiveUrl withEnvironment(UnaryOperator<String> env) {
    String u = user.isEmpty() ? nz(env.apply("PGUSER")) : user;
    String p = password.isEmpty() ? nz(env.apply("PGPASSWORD")) : password;
    return new ArchiveUrl(host, port, database, params, u, p);
  }

  public ArchiveUrl withUser(String u) {
    return new ArchiveUrl(host, port, database, params, u, password);
  }

  public ArchiveUrl withPassword(String p) {
    return new ArchiveUrl(host, port, database, params, user, p);
  }

  /** The driver's address: host, port, database and the parameters, never the credentials. */
  public String jdbcUrl() {
    StringBuilder b = new StringBuilder("jdbc:postgresql://");
    b.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
    b.append('/').append(encode(database));
    String sep = "?";
    for (Map.Entry<String, String> p : params.entrySet()) {
      b.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
      sep = "&";
    }
    return b.toString();
  }

  /** What is shown and logged: {@code postgresql://user@host:port/db?sslmode=...}, no password. */
  public String display() {
    String who = user.isEmpty() ? "" : user + "@";
    String tail = jdbcUrl().substring(jdbcUrl().indexOf('/', "jdbc:postgresql://".length()));
    return "postgresql://"
        + who
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + tail;
  }

  /** The keyring's account for this archive's password: user, server and database. */
  public String keyringAccount() {
    return user + "@" + host + ":" + port + "/" + database;
  }

  /** The TLS mode asked for ({@code sslmode}); PostgreSQL's driver defaults to "prefer". */
  public Optional<String> sslMode() {
    return Optional.ofNullable(params.get("sslmode"));
  }

  @Override
  public String toString() {
    return display();
  }

  /** A typed address with any password removed, for messages about it. */
  static String redactedText(String t) {
    return t.replaceAll("(?i)(://[^/@:]*):[^/@]*@", "$1:[redacted]@")
        .replaceAll("(?i)([?&]password=)[^&]*", "$1[redacted]");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
