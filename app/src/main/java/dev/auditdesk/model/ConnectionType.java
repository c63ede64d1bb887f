package dev.auditdesk.model;

import java.util.Locale;
import java.util.Set;

/**
 * The families of Coder's connection-log {@code type}, an open set: an agent reports app names of
 * its own (Cursor, Windsurf, ...). A type this version does not know is {@link #OTHER} and is shown
 * as the server wrote it, never dropped.
 */
public enum ConnectionType {
  SSH("SSH", Set.of("ssh")),
  VSCODE(
      "VS Code family",
      Set.of("vscode", "vscode_insiders", "cursor", "windsurf", "vscodium", "positron", "kiro")),
  JETBRAINS("JetBrains", Set.of("jetbrains")),
  WEB_TERMINAL("Web terminal", Set.of("reconnecting_pty")),
  APP("Apps", Set.of("workspace_app")),
  PORT_FORWARDING("Port forwarding", Set.of("port_forwarding")),
  TUNNEL("Tunnel", Set.of("tunnel")),
  OTHER("Other", Set.of());

  private final String title;
  private final Set<String> types;

  ConnectionType(String title, Set<String> types) {
    this.title = title;
    this.types = types;
  }

  /** The name of the family in a filter or column. */
  public String title() {
    return title;
  }

  /** The raw {@code type} values Coder matches when asked for this family. */
  public Set<String> types() {
    return types;
  }

  /** The family of a raw {@code type}; {@link #OTHER} for one this version does not know. */
  public static ConnectionType of(String type) {
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT).replace('-', '_');
    for (ConnectionType f : values()) {
      if (f.types.contains(t)) {
        return f;
      }
    }
    return OTHER;
  }

  /** The family named by a filter value: its enum name, its title or one of its raw types. */
  public static ConnectionType parse(String name) {
    String n = name == null ? "" : name.trim();
    for (ConnectionType f : values()) {
      if (f.name().equalsIgnoreCase(n) || f.title.equalsIgnoreCase(n)) {
        return f;
      }
    }
    return of(n);
  }

  /** Reported by the server as web requests ({@code web_info}), not as sessions. */
  public boolean web() {
    return this == APP || this == PORT_FORWARDING || this == TUNNEL;
  }

  /** The value Coder's {@code type:} search key takes for this family ("" for OTHER). */
  public String searchValue() {
    return switch (this) {
      case SSH -> "ssh";
      case VSCODE -> "vscode";
      case JETBRAINS -> "jetbrains";
      case WEB_TERMINAL -> "reconnecting_pty";
      case APP -> "workspace_app";
      case PORT_FORWARDING -> "port_forwarding";
      case TUNNEL -> "tunnel";
      case OTHER -> "";
    };
  }
}
