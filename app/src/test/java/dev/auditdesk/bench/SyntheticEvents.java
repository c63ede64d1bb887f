package dev.auditdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic Coder audit events skewed like real use (a few users and actions dominate, 730 days,
 * oldest first), the data of the UI, heap and side-by-side benchmarks. Event {@code i} of {@code n}
 * depends only on the random stream, so a seed gives the same events to every engine.
 */
final class SyntheticEvents {

  /** The newest event's time. */
  static final Instant END = Instant.parse("2026-11-01T17:00:00Z");

  static final long SPAN_SECONDS = 730L * 86_400;

  static final String[] ACTIONS = {
    "start",
    "stop",
    "write",
    "create",
    "login",
    "delete",
    "connect",
    "disconnect",
    "open",
    "logout",
    "register",
    "request_password_reset",
    "close",
    "frobnicate"
  };
  static final int[] ACTION_WEIGHTS = {260, 250, 160, 80, 90, 30, 50, 40, 20, 10, 3, 2, 4, 1};
  static final String[] TYPES = {
    "workspace_build",
    "workspace",
    "template",
    "template_version",
    "user",
    "api_key",
    "group",
    "organization",
    "git_ssh_key",
    "license",
    "ai_seat"
  };
  static final int[] TYPE_WEIGHTS = {400, 250, 90, 60, 80, 50, 20, 10, 10, 2, 1};

  private SyntheticEvents() {}

  /** Where {@link #inBatches} hands each batch, with how many events are done after it. */
  @FunctionalInterface
  interface BatchSink {
    void accept(List<AuditEvent> batch, long done) throws Exception;
  }

  /**
   * Events {@code from} to {@code to - 1} of a set of {@code n}, parsed, to {@code sink} in batches
   * of 5,000 (the last one shorter); {@code seed} starts the random stream at {@code from}.
   */
  static void inBatches(long from, long to, long n, long seed, BatchSink sink) throws Exception {
    ObjectMapper m = AuditEventJson.mapper();
    SplittableRandom r = new SplittableRandom(seed);
    List<AuditEvent> batch = new ArrayList<>(5_000);
    for (long i = from; i < to; i++) {
      batch.add(AuditEventJson.parse(json(m, r, i, n)));
      if (batch.size() == 5_000 || i == to - 1) {
        sink.accept(batch, i + 1 - from);
        batch.clear();
      }
    }
  }

  /** Event {@code i} of {@code n} as Coder's JSON. */
  static String json(ObjectMapper m, SplittableRandom r, long i, long n) throws Exception {
    Instant end = END;
    long spanSeconds = SPAN_SECONDS;
    int user = (int) Math.min(399, Math.floor(Math.pow(r.nextDouble(), 3) * 400));
    String action = pick(ACTIONS, ACTION_WEIGHTS, r);
    String type = pick(TYPES, TYPE_WEIGHTS, r);
    boolean system = type.equals("workspace_build") && r.nextInt(3) == 0;
    ObjectNode e = m.createObjectNode();
    e.put("id", new UUID(r.nextLong(), r.nextLong()).toString());
    e.put("request_id", new UUID(r.nextLong(), r.nextLong()).toString());
    e.put("time", end.minusSeconds((long) (spanSeconds * (double) (n - i) / n)).toString());
    ObjectNode org = e.putObject("organization");
    int o = r.nextInt(10) < 8 ? 0 : 1 + r.nextInt(2);
    org.put("id", new UUID(0, o + 1).toString());
    org.put("name", new String[] {"coder", "research", "contractors"}[o]);
    org.put("display_name", new String[] {"Coder", "Research", "Contractors"}[o]);
    e.put("ip", "10." + (user % 250) + "." + r.nextInt(4) + "." + (1 + r.nextInt(250)));
    e.put(
        "user_agent",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36");
    e.put("resource_type", type);
    e.put("resource_id", new UUID(7, r.nextInt(20_000)).toString());
    e.put(
        "resource_target",
        type.startsWith("workspace") ? "ws-" + r.nextInt(5_000) : type + "-" + r.nextInt(300));
    e.put("resource_icon", "");
    e.put("resource_link", "");
    e.put("action", action);
    ObjectNode diff = e.putObject("diff");
    if (action.equals("write")) {
      ObjectNode c = diff.putObject("ttl_ms");
      c.put("old", 3_600_000);
      c.put("new", 7_200_000);
      c.put("secret", false);
    }
    e.put("status_code", r.nextInt(100) < 5 ? 403 : action.equals("create") ? 201 : 200);
    ObjectNode extra = e.putObject("additional_fields");
    if (type.equals("workspace_build")) {
      extra.put(
          "build_reason", system ? (r.nextBoolean() ? "autostart" : "autostop") : "initiator");
    }
    e.put("description", "{user} " + action + " " + type.replace('_', ' ') + " {target}");
    e.put("is_deleted", false);
    if (system) {
      e.putNull("user");
    } else {
      ObjectNode u = e.putObject("user");
      u.put("id", new UUID(9, user).toString());
      u.put("username", "user" + user);
      u.put("email", "user" + user + "@example.com");
      u.put("name", "User " + user);
    }
    return m.writeValueAsString(e);
  }

  static String pick(String[] values, int[] weights, SplittableRandom r) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
