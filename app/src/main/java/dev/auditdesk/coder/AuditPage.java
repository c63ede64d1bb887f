package dev.auditdesk.coder;

import dev.auditdesk.model.AuditEvent;
import java.time.Instant;
import java.util.List;

/**
 * One page of {@code GET /api/v2/audit}. {@code count} may be capped by the server at {@code
 * countCap} (0 when the server has no cap): never use it to decide that a sync is complete.
 * Elements that could not be parsed are reported in {@code malformed}, never silently dropped.
 * {@code serverTime} is the server's clock from the answer's {@code Date} header ({@link
 * Instant#EPOCH} when it sent none): what is "new" is judged by it, never by event times.
 */
public record AuditPage(
    List<AuditEvent> events,
    long count,
    long countCap,
    List<String> malformed,
    Instant serverTime) {

  public AuditPage {
    events = List.copyOf(events);
    malformed = malformed == null ? List.of() : List.copyOf(malformed);
    serverTime = serverTime == null ? Instant.EPOCH : serverTime;
  }

  public AuditPage(List<AuditEvent> events, long count, long countCap, List<String> malformed) {
    this(events, count, countCap, malformed, Instant.EPOCH);
  }

  /** Whether {@code count} is the exact number of matching events. */
  public boolean countExact() {
    return !countCapped();
  }

  /** True when the total is at least {@code count} but may be more ("2000+"). */
  public boolean countCapped() {
    return countCap > 0 && count > countCap;
  }

  /** The number of elements the server sent, parsed or not; a short page ends a sync. */
  public int received() {
    return events.size() + malformed.size();
  }
}
