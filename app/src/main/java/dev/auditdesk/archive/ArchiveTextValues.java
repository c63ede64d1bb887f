package dev.auditdesk.archive;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Free text that names resource targets, from {@code audit_text_value} (migration 4): the distinct
 * parts of every event's {@code search} column (target, actor, description, action, type). A term
 * found in targets only, in no other part of any event, matches exactly the events whose target is
 * one of those targets; so "ws-42" at ten million events is 111 workspaces whose 148,433 events a
 * count reads from the (resource_target, time, id) index alone, where the trigram index's
 * candidates were each read again from the table (a second at 10M, docs/PERFORMANCE.md).
 */
final class ArchiveTextValues {

  /** Above this many targets a term stays a LIKE on {@code search}. */
  static final int MOST_TARGETS = 5_000;

  private static final String SEPARATORS = "\u0001\u0002";

  private ArchiveTextValues() {}

  /**
   * True when the archive has the text values (an archive from before migration 4 has not) and this
   * role may read them.
   */
  static boolean present(Connection c) throws SQLException {
    return ArchiveRecord.readable(c, "audit_text_value");
  }

  /**
   * {@code q} with each free-text term that only targets hold replaced by those targets (narrowing
   * its target filter), the same events matching; {@code q} itself when no term is. A term stays
   * text when it is found in another part too, in more than {@link #MOST_TARGETS} targets, or in
   * none of the targets the query already asks for, and every term does when an event's parts could
   * not be told apart.
   */
  static AuditQuery targetsFor(Connection c, AuditQuery q) throws SQLException {
    List<String> terms = ArchiveFilter.terms(q.text());
    if (terms.isEmpty()) {
      return q;
    }
    Set<String> targets = q.resourceTargets();
    List<String> kept = new ArrayList<>();
    for (String term : terms) {
      Optional<Set<String>> only = onlyTargets(c, term);
      Set<String> narrowed = new TreeSet<>(only.orElse(Set.of()));
      if (!targets.isEmpty()) {
        narrowed.retainAll(targets);
      }
      if (narrowed.isEmpty()) {
        kept.add(term);
      } else {
        targets = narrowed;
      }
    }
    if (kept.size() == terms.size()) {
      return q;
    }
    return q.with(Facet.RESOURCE_TARGET, targets).withText(String.join(" ", kept));
  }

  /**
   * The targets whose lowered text holds {@code term}, when no other part of any event does, no
   * event's search failed to split into its parts (part 0), and there are at most {@link
   * #MOST_TARGETS}; empty otherwise.
   */
  private static Optional<Set<String>> onlyTargets(Connection c, String term) throws SQLException {
    if (term.chars().anyMatch(ch -> SEPARATORS.indexOf(ch) >= 0)) {
      return Optional.empty(); // could span two parts of search
    }
    Set<String> targets = new TreeSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT part, value FROM audit_text_value WHERE part = 0 OR lowered LIKE ?")) {
      ps.setString(1, ArchiveFilter.containing(term));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(1) != 1 || targets.size() == MOST_TARGETS) {
            return Optional.empty();
          }
          targets.add(rs.getString(2));
        }
      }
    }
    return Optional.of(targets);
  }
}
