package dev.auditdesk.cli;

import dev.auditdesk.format.CoderQuery;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The filters of Coder's audit page as command-line options. Repeating an option gives several
 * values (ORed); different options are ANDed, as in the window.
 */
final class FilterOptions {

  @Option(
      names = "--resource-type",
      paramLabel = "T",
      description = "Only events on this resource type (repeatable).")
  List<String> resourceTypes = new ArrayList<>();

  @Option(names = "--action", paramLabel = "A", description = "Only this action (repeatable).")
  List<String> actions = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "T",
      description = "Only this resource target, e.g. a workspace name (repeatable).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--user", paramLabel = "U", description = "Only this username (repeatable).")
  List<String> users = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "From this day (YYYY-MM-DD, UTC) or instant (2026-01-31T12:00:00Z).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Up to the end of this day (YYYY-MM-DD, UTC), or up to this instant.")
  String to;

  @Option(
      names = "--search",
      paramLabel = "TEXT",
      description = "Free text in target, user or description.")
  String search;

  @Option(
      names = "--query",
      paramLabel = "Q",
      description = "A search in Coder's language, e.g. 'action:create resource_type:workspace'.")
  String query;

  /** The query these options describe; the message of the exception names the bad option. */
  AuditQuery toQuery() throws IllegalArgumentException {
    AuditQuery q = AuditQuery.ALL;
    if (query != null && !query.isBlank()) {
      try {
        q = CoderQuery.parse(query);
      } catch (CoderQuery.QueryParseException e) {
        throw new IllegalArgumentException("--query: " + e.getMessage());
      }
    }
    q = add(q, Facet.RESOURCE_TYPE, resourceTypes);
    q = add(q, Facet.ACTION, actions);
    q = add(q, Facet.RESOURCE_TARGET, targets);
    q = add(q, Facet.USER, users);
    if (search != null && !search.isBlank()) {
      q = q.withText(q.text().isEmpty() ? search : q.text() + " " + search);
    }
    DateRange r = q.range();
    Instant f = from == null ? r.from() : time("--from", from, false);
    Instant t = to == null ? r.to() : time("--to", to, true);
    if (f.isAfter(t)) {
      throw new IllegalArgumentException("--from is after --to: the date range would be empty.");
    }
    return q.withRange(new DateRange(f, t));
  }

  private static AuditQuery add(AuditQuery q, Facet facet, List<String> values) {
    if (values.isEmpty()) {
      return q;
    }
    Set<String> all = new HashSet<>(q.values(facet));
    values.stream().map(String::trim).filter(v -> !v.isEmpty()).forEach(all::add);
    return q.with(facet, all);
  }

  /** A day means its start (from) or the start of the next day (to, exclusive). */
  static Instant time(String option, String text, boolean endOfDay) {
    String t = text.trim();
    try {
      LocalDate day = LocalDate.parse(t);
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      return endOfDay ? start.plus(1, ChronoUnit.DAYS) : start;
    } catch (DateTimeParseException notADay) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            option
                + " \""
                + text
                + "\" is not a date: use YYYY-MM-DD (a UTC day) or an instant such as"
                + " 2026-01-31T12:00:00Z.");
      }
    }
  }
}
