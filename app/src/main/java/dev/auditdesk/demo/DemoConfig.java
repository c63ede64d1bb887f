package dev.auditdesk.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * How a {@link DemoServer} behaves. {@link #defaults()} is a well-behaved deployment with 50,000
 * events; the {@code with...} knobs make it misbehave the way real deployments do, for tests.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param events size of the generated history (up to millions; generated lazily)
 * @param seed the same seed gives the same history
 * @param countCap Coder's {@code count_cap}: {@code count} stops at cap+1; 0 = uncapped
 * @param maxPageSize a larger {@code limit} gets a 400 naming {@code limit}; 0 = no maximum
 * @param auditEntitled whether entitlements report the audit log feature (and new events arrive)
 * @param newEventsPerRequest events that happen before each audit request is answered
 * @param retentionAfterRequest from this audit request on (1-based), the oldest events are gone
 * @param retentionDeleteOldest how many of the oldest events retention removes
 * @param lateEvents events with old timestamps that are written late ...
 * @param lateAfterRequest ... and appear from this audit request on (1-based)
 * @param faults audit request number (1-based) → the fault injected into that answer
 * @param slowDelay how long a {@link Fault#SLOW} answer waits before it starts
 * @param retryAfterSeconds the {@code Retry-After} of a {@link Fault#RATE_LIMITED} answer
 * @param gzip compress answers for clients that accept gzip (real Coder does; off saves CPU)
 * @param historyEnd where the generated history ends (before any new events arrive); null means
 *     now, to the minute, so that "the last 24 hours" has events. The same seed and end give the
 *     same history, and a later end keeps the earlier events and adds the ones that happened since
 * @param tls serve HTTPS with this context instead of plain HTTP; null for HTTP
 * @param quirks the real-Coder behaviours that trip a naive sync (tie order, OFFSET cost, ...)
 * @param connections rows of the generated connection log
 * @param connectionLog whether {@code /api/v2/connectionlog} exists (false: 404, as before 2.25)
 * @param connectionFaults connection-log request number (1-based) → the fault in that answer
 * @param insightPatterns plant a few of each pattern the insight rules look for (a burst of failed
 *     sign-ins, a new address, a night-time role grant, ...; see {@code DemoPatterns}): on in the
 *     demo a person opens, off in {@link #defaults()} so tests count the plain history
 */
public record DemoConfig(
    int port,
    int events,
    long seed,
    int countCap,
    int maxPageSize,
    boolean auditEntitled,
    int newEventsPerRequest,
    int retentionAfterRequest,
    int retentionDeleteOldest,
    int lateEvents,
    int lateAfterRequest,
    Map<Integer, Fault> faults,
    Duration slowDelay,
    int retryAfterSeconds,
    boolean gzip,
    Instant historyEnd,
    SSLContext tls,
    DemoQuirks quirks,
    int connections,
    boolean connectionLog,
    Map<Integer, Fault> connectionFaults,
    boolean insightPatterns) {

  /** What can go wrong with one audit answer. */
  public enum Fault {
    /** 429 with {@code Retry-After}. */
    RATE_LIMITED,
    /** 503 with a Coder-shaped error body. */
    UNAVAILABLE,
    /** The answer starts only after {@link DemoConfig#slowDelay()}. */
    SLOW,
    /** A complete HTTP answer whose JSON body is cut in half. */
    TRUNCATED_JSON,
    /** The connection closes halfway through the announced body. */
    CONNECTION_DROPPED,
    /** A valid page with one extra element that is not a readable event (no id, bad time). */
    MALFORMED_EVENT
  }

  public DemoConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("The port must be between 0 and 65535.");
    }
    if (events < 0) {
      throw new IllegalArgumentException("The number of events cannot be negative.");
    }
    faults = Map.copyOf(faults == null ? Map.of() : faults);
    slowDelay = slowDelay == null ? Duration.ofSeconds(3) : slowDelay;
    historyEnd = historyEnd == null ? Instant.now().truncatedTo(ChronoUnit.MINUTES) : historyEnd;
    quirks = quirks == null ? DemoQuirks.REAL : quirks;
    connectionFaults = Map.copyOf(connectionFaults == null ? Map.of() : connectionFaults);
    if (connections < 0) {
      throw new IllegalArgumentException("The number of connections cannot be negative.");
    }
  }

  public static DemoConfig defaults() {
    return new DemoConfig(
        0,
        50_000,
        1L,
        2000,
        0,
        true,
        0,
        0,
        0,
        0,
        0,
        Map.of(),
        null,
        1,
        false,
        null,
        null,
        DemoQuirks.REAL,
        1_200,
        true,
        Map.of(),
        false);
  }

  public DemoConfig withPort(int p) {
    return with(b -> b.port = p);
  }

  public DemoConfig withEvents(int n) {
    return with(b -> b.events = n);
  }

  public DemoConfig withSeed(long s) {
    return with(b -> b.seed = s);
  }

  public DemoConfig withCountCap(int cap) {
    return with(b -> b.countCap = cap);
  }

  public DemoConfig withMaxPageSize(int max) {
    return with(b -> b.maxPageSize = max);
  }

  public DemoConfig withAuditEntitled(boolean on) {
    return with(b -> b.auditEntitled = on);
  }

  public DemoConfig withNewEventsPerRequest(int n) {
    return with(b -> b.newEventsPerRequest = n);
  }

  /**
   * From audit request {@code afterRequest} on, the {@code deleteOldest} oldest events are gone.
   */
  public DemoConfig withRetention(int afterRequest, int deleteOldest) {
    return with(
        b -> {
          b.retentionAfterRequest = afterRequest;
          b.retentionDeleteOldest = deleteOldest;
        });
  }

  /**
   * {@code count} events from the newest tenth of the history are invisible until audit request
   * {@code afterRequest}, like build events Coder writes only when the next build happens.
   */
  public DemoConfig withLateEvents(int count, int afterRequest) {
    return with(
        b -> {
          b.lateEvents = count;
          b.lateAfterRequest = afterRequest;
        });
  }

  /** Injects {@code fault} into the answer to audit request number {@code request} (1-based). */
  public DemoConfig withFault(int request, Fault fault) {
    Map<Integer, Fault> f = new HashMap<>(faults);
    f.put(request, fault);
    return with(b -> b.faults = f);
  }

  public DemoConfig withSlowDelay(Duration d) {
    return with(b -> b.slowDelay = d);
  }

  public DemoConfig withRetryAfterSeconds(int s) {
    return with(b -> b.retryAfterSeconds = s);
  }

  public DemoConfig withGzip(boolean on) {
    return with(b -> b.gzip = on);
  }

  /** Where the generated history ends; null means now (to the minute). */
  public DemoConfig withHistoryEnd(Instant end) {
    return with(b -> b.historyEnd = end);
  }

  /** Serves HTTPS with this context (its key manager holds the server certificate). */
  public DemoConfig withTls(SSLContext ctx) {
    return with(b -> b.tls = ctx);
  }

  public DemoConfig withQuirks(DemoQuirks q) {
    return with(b -> b.quirks = q);
  }

  public DemoConfig withConnections(int n) {
    return with(b -> b.connections = n);
  }

  /** Off: the connection log answers 404, as Coder releases before 2.25 do. */
  public DemoConfig withConnectionLog(boolean on) {
    return with(b -> b.connectionLog = on);
  }

  /** Injects {@code fault} into connection-log request number {@code request} (1-based). */
  public DemoConfig withConnectionFault(int request, Fault fault) {
    Map<Integer, Fault> f = new HashMap<>(connectionFaults);
    f.put(request, fault);
    return with(b -> b.connectionFaults = f);
  }

  /** With the insight rules' patterns planted in the history and the connection log. */
  public DemoConfig withInsightPatterns(boolean on) {
    return with(b -> b.insightPatterns = on);
  }

  /** A copy of this config with the values {@code change} sets. */
  private DemoConfig with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** This config's values, to change a few before building a new one. */
  private static final class Copy {
    int port;
    int events;
    long seed;
    int countCap;
    int maxPageSize;
    boolean auditEntitled;
    int newEventsPerRequest;
    int retentionAfterRequest;
    int retentionDeleteOldest;
    int lateEvents;
    int lateAfterRequest;
    Map<Integer, Fault> faults;
    Duration slowDelay;
    int retryAfterSeconds;
    boolean gzip;
    Instant historyEnd;
    SSLContext tls;
    DemoQuirks quirks;
    int connections;
    boolean connectionLog;
    Map<Integer, Fault> connectionFaults;
    boolean insightPatterns;

    Copy(DemoConfig c) {
      port = c.port;
      events = c.events;
      seed = c.seed;
      countCap = c.countCap;
      maxPageSize = c.maxPageSize;
      auditEntitled = c.auditEntitled;
      newEventsPerRequest = c.newEventsPerRequest;
      retentionAfterRequest = c.retentionAfterRequest;
      retentionDeleteOldest = c.retentionDeleteOldest;
      lateEvents = c.lateEvents;
      lateAfterRequest = c.lateAfterRequest;
      faults = c.faults;
      slowDelay = c.slowDelay;
      retryAfterSeconds = c.retryAfterSeconds;
      gzip = c.gzip;
      historyEnd = c.historyEnd;
      tls = c.tls;
      quirks = c.quirks;
      connections = c.connections;
      connectionLog = c.connectionLog;
      connectionFaults = c.connectionFaults;
      insightPatterns = c.insightPatterns;
    }

    DemoConfig build() {
      return new DemoConfig(
          port,
          events,
          seed,
          countCap,
          maxPageSize,
          auditEntitled,
          newEventsPerRequest,
          retentionAfterRequest,
          retentionDeleteOldest,
          lateEvents,
          lateAfterRequest,
          faults,
          slowDelay,
          retryAfterSeconds,
          gzip,
          historyEnd,
          tls,
          quirks,
          connections,
          connectionLog,
          connectionFaults,
          insightPatterns);
    }
  }
}
