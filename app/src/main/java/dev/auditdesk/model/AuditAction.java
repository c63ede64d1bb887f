package dev.auditdesk.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What AuditDesk knows about an audit action: a friendly verb, a one-line explanation and a tone
 * for its badge. The vocabulary is open: {@link #of(String)} answers for any string, and an action
 * it has never seen is shown as it is, with {@link Tone#UNKNOWN}.
 */
public record AuditAction(String name, String verb, String explanation, Tone tone, boolean known) {

  /** How a badge is coloured; the UI maps tones to CSS classes. */
  public enum Tone {
    CREATE,
    CHANGE,
    DELETE,
    RUN,
    SESSION,
    CONNECTION,
    SYSTEM,
    UNKNOWN
  }

  /** Why today's servers no longer send the connection actions. */
  private static final String MOVED = "moved to the connection log since Coder 2.25";

  private static final Map<String, AuditAction> KNOWN = new LinkedHashMap<>();

  static {
    add("create", "created", "A resource was created.", Tone.CREATE);
    add("write", "updated", "A resource was changed; the diff says what.", Tone.CHANGE);
    add("delete", "deleted", "A resource was deleted.", Tone.DELETE);
    add(
        "start",
        "started",
        "A workspace build started a workspace (a person, or autostart).",
        Tone.RUN);
    add("stop", "stopped", "A workspace was stopped (a person, or autostop).", Tone.RUN);
    add(
        "login",
        "logged in",
        "A user signed in (password or SSO) and got a session token.",
        Tone.SESSION);
    add("logout", "logged out", "A user signed out.", Tone.SESSION);
    add("register", "registered", "A user registered an account.", Tone.SESSION);
    add(
        "request_password_reset",
        "requested a password reset",
        "A password reset was requested.",
        Tone.SESSION);
    add(
        "connect",
        "connected",
        "Someone connected to a workspace (SSH, IDE, terminal); " + MOVED + ".",
        Tone.CONNECTION);
    add(
        "disconnect",
        "disconnected",
        "A connection to a workspace ended; " + MOVED + ".",
        Tone.CONNECTION);
    add(
        "open",
        "opened",
        "A workspace app was opened in the browser; " + MOVED + ".",
        Tone.CONNECTION);
    add("close", "closed", "A workspace app was closed; " + MOVED + ".", Tone.CONNECTION);
    add(
        "auto_off",
        "turned off (idle)",
        "Coder v1: the platform turned an idle workspace off.",
        Tone.SYSTEM);
    add(
        "auto_start",
        "started on schedule",
        "Coder v1: the platform turned a workspace on at its scheduled time.",
        Tone.SYSTEM);
    add(
        "cordon",
        "cordoned",
        "Coder v1: a workspace provider stopped accepting new workspaces.",
        Tone.SYSTEM);
    add(
        "uncordon",
        "uncordoned",
        "Coder v1: a workspace provider accepts new workspaces again.",
        Tone.SYSTEM);
    add(
        "enqueue",
        "queued",
        "Coder v1: a user queued a job (build, user or workspace deletion).",
        Tone.RUN);
    add(
        "ssh",
        "opened a web terminal",
        "Coder v1: a user opened a web terminal (now in the connection log).",
        Tone.CONNECTION);
    add("view", "viewed a secret", "Coder v1: the CLI used a secret.", Tone.SESSION);
  }

  private static void add(String name, String verb, String explanation, Tone tone) {
    KNOWN.put(name, new AuditAction(name, verb, explanation, tone, true));
  }

  /** The description of any action string; unknown ones keep their raw name as the verb. */
  public static AuditAction of(String name) {
    String n = name == null ? "" : name;
    AuditAction a = KNOWN.get(n);
    if (a != null) {
      return a;
    }
    String shown = n.isEmpty() ? "(no action)" : n;
    return new AuditAction(
        n,
        shown,
        "An action this version of AuditDesk does not know: \"" + shown + "\".",
        Tone.UNKNOWN,
        false);
  }

  /** Every action AuditDesk knows, current Coder first, then Coder v1. */
  public static Iterable<AuditAction> all() {
    return KNOWN.values();
  }
}
