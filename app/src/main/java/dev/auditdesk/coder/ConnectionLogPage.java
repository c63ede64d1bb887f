package dev.auditdesk.coder;

import dev.auditdesk.model.ConnectionRow;
import java.time.Instant;
import java.util.List;

/**
 * One page of {@code GET /api/v2/connectionlog}: like {@link AuditPage}, {@code count} may be
 * capped at {@code countCap}, unreadable elements are kept in {@code malformed}, and {@code
 * serverTime} is the answer's {@code Date}.
 */
public record ConnectionLogPage(
    List<ConnectionRow> rows,
    long count,
    long countCap,
    List<String> malformed,
    Instant serverTime) {

  public ConnectionLogPage {
    rows = List.copyOf(rows);
    malformed = malformed == null ? List.of() : List.copyOf(malformed);
    serverTime = serverTime == null ? Instant.EPOCH : serverTime;
  }

  /** True when the total is at least {@code count} but may be more ("2000+"). */
  public boolean countCapped() {
    return countCap > 0 && count > countCap;
  }

  /** The number of elements the server sent, parsed or not; a short page ends a window. */
  public int received() {
    return rows.size() + malformed.size();
  }
}
