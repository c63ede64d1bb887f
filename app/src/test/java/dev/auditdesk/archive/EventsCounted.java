package dev.auditdesk.archive;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The archive's answers worked out from the events themselves, with the query's own WHERE clause:
 * what the day counts (migration 3) and the text values (migration 4) must equal.
 */
final class EventsCounted {

  private EventsCounted() {}

  /** A filter's list: a GROUP BY of the events matching the other filters. */
  static List<FacetValue> facetValues(Connection c, Facet facet, AuditQuery q) throws SQLException {
    return ArchiveEvents.ordered(
        ArchiveEvents.valueCounts(c, ArchiveEvents.column(facet), q.without(facet)),
        q.values(facet));
  }
}
