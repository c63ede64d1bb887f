package dev.auditdesk.model;

import java.net.URI;

/**
 * A Coder deployment AuditDesk knows: its base URL (normalised: scheme, host, port, no trailing
 * slash) and, once the server has told us, its deployment id.
 */
public record Deployment(URI url, String deploymentId) {

  public Deployment {
    if (url == null) {
      throw new IllegalArgumentException("A deployment needs a URL.");
    }
    url = normalise(url);
    deploymentId = deploymentId == null ? "" : deploymentId;
  }

  /** Parses what a person types: adds https:// when no scheme is given, drops trailing slashes. */
  public static Deployment parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("Enter the address of your Coder deployment.");
    }
    if (!t.contains("://")) {
      t = "https://" + t;
    }
    URI u;
    try {
      u = URI.create(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + text.trim() + "\" is not a valid web address.");
    }
    if (u.getHost() == null
        || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("\"" + text.trim() + "\" is not a valid web address.");
    }
    return new Deployment(u, "");
  }

  /**
   * True for an address on this computer ({@code localhost}, {@code 127.x.x.x}, {@code ::1}),
   * decided from the text alone: no name is looked up.
   */
  public boolean isLoopback() {
    String h = url.getHost();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Plain {@code http://} to another computer: passwords and tokens would cross in clear text. */
  public boolean isClearText() {
    return "http".equals(url.getScheme()) && !isLoopback();
  }

  /** A short label for lists and titles: host and, when not default, port. */
  public String label() {
    int port = url.getPort();
    return port < 0 ? url.getHost() : url.getHost() + ":" + port;
  }

  private static URI normalise(URI u) {
    String path = u.getPath() == null ? "" : u.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String scheme = u.getScheme() == null ? "https" : u.getScheme().toLowerCase();
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase();
    String port = u.getPort() < 0 ? "" : ":" + u.getPort();
    return URI.create(scheme + "://" + host + port + path);
  }
}
