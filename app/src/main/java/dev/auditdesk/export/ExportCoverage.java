package dev.auditdesk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.model.DayCheck;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether every UTC day an export covers was reconciled with the server, from the cache's
 * completeness record: what a recipient needs to know before trusting that the file is whole.
 *
 * @param verified every day with exported events is verified (or only in the cache because the
 *     server purged it) and the history was read to its end
 * @param days the days with exported events
 * @param unverified those days the record does not show as verified, oldest first
 */
public record ExportCoverage(boolean verified, int days, List<LocalDate> unverified) {

  public static final ExportCoverage UNKNOWN = new ExportCoverage(false, 0, List.of());

  public ExportCoverage {
    unverified = List.copyOf(unverified);
  }

  static ExportCoverage of(
      Map<LocalDate, DayCheck> record, boolean historyRead, Collection<LocalDate> exportedDays) {
    List<LocalDate> bad = new ArrayList<>();
    for (LocalDate d : exportedDays) {
      DayCheck c = record.get(d);
      if (c == null || c.state() == DayCheck.State.UNVERIFIED) {
        bad.add(d);
      }
    }
    bad.sort(null);
    return new ExportCoverage(historyRead && bad.isEmpty(), exportedDays.size(), bad);
  }

  void write(ObjectNode n) {
    n.put("every_day_verified", verified);
    n.put("days", days);
    unverified.forEach(d -> n.withArray("unverified_days").add(d.toString()));
    if (unverified.isEmpty()) {
      n.putArray("unverified_days");
    }
  }

  static ExportCoverage read(JsonNode n) {
    if (n == null || !n.isObject()) {
      return UNKNOWN;
    }
    List<LocalDate> bad = new ArrayList<>();
    n.path("unverified_days").forEach(d -> bad.add(LocalDate.parse(d.asText())));
    return new ExportCoverage(
        n.path("every_day_verified").asBoolean(false), n.path("days").asInt(0), bad);
  }
}
