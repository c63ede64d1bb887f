package dev.auditdesk.demo;

import dev.auditdesk.format.CoderQuery;
import java.time.LocalDate;
import java.util.Map;

/**
 * A Coder search ({@code q}) applied to generated events the way Coder's SQL does: exact,
 * case-insensitive matches; {@code date_from:D} from D 00:00:00 UTC and {@code date_to:D} up to and
 * including D 23:59:59.000000 (Coder adds 23:59:59 to the date and compares {@code <=}, so the last
 * fraction of a second of a day is in no single-day window); {@code username:me} is the requesting
 * user.
 */
final class DemoFilter {

  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long LAST_SECOND = DAY_MICROS - 1_000_000L;

  private final Map<String, String> terms;
  private final String me;
  private final long fromMicros;
  private final long toMicros;

  private DemoFilter(Map<String, String> terms, String me) {
    this.terms = terms;
    this.me = me;
    this.fromMicros =
        terms.containsKey("date_from")
            ? LocalDate.parse(terms.get("date_from")).toEpochDay() * DAY_MICROS
            : Long.MIN_VALUE;
    this.toMicros =
        terms.containsKey("date_to")
            ? LocalDate.parse(terms.get("date_to")).toEpochDay() * DAY_MICROS + LAST_SECOND
            : Long.MAX_VALUE;
  }

  /** Checks enum values like Coder does, so a bad action gets a 400 naming the key. */
  static DemoFilter of(Map<String, String> terms, String me, boolean ignoreDates)
      throws CoderQuery.QueryParseException {
    if (ignoreDates && (terms.containsKey("date_from") || terms.containsKey("date_to"))) {
      Map<String, String> without = new java.util.HashMap<>(terms);
      without.remove("date_from");
      without.remove("date_to");
      terms = without;
    }
    String action = terms.get("action");
    if (action != null && !DemoActivity.knownAction(action)) {
      throw new CoderQuery.QueryParseException(
          "action",
          "Query param \"action\" has invalid value: \""
              + action
              + "\" is not a valid audit action");
    }
    String type = terms.get("resource_type");
    if (type != null && !DemoActivity.knownResourceType(type)) {
      throw new CoderQuery.QueryParseException(
          "resource_type",
          "Query param \"resource_type\" has invalid value: \""
              + type
              + "\" is not a valid resource type");
    }
    String reason = terms.get("build_reason");
    if (reason != null
        && !reason.equals("initiator")
        && !reason.equals("autostart")
        && !reason.equals("autostop")
        && !reason.equals("dormancy")
        && !reason.equals("dashboard")
        && !reason.equals("cli")
        && !reason.equals("ssh_connection")) {
      throw new CoderQuery.QueryParseException(
          "build_reason", "Query param \"build_reason\" has invalid value: \"" + reason + "\"");
    }
    return new DemoFilter(terms, me);
  }

  /**
   * True when only dates, {@code action:} and {@code resource_type:} decide (see {@link
   * #testActionType}).
   */
  boolean onlyActionAndType() {
    for (String k : terms.keySet()) {
      if (!k.equals("date_from")
          && !k.equals("date_to")
          && !k.equals("action")
          && !k.equals("resource_type")) {
        return false;
      }
    }
    return true;
  }

  /** {@link #test} for an event inside the window known by its action-and-type code only. */
  boolean testActionType(int code, DemoHistory h) {
    String action = terms.get("action");
    String type = terms.get("resource_type");
    return (action == null || h.actionOf(code).equals(action))
        && (type == null || h.typeOf(code).equals(type));
  }

  boolean matchesAll() {
    return terms.isEmpty();
  }

  /** Whether any term other than the dates needs the event itself to decide. */
  boolean needsEvent() {
    for (String k : terms.keySet()) {
      if (!k.equals("date_from") && !k.equals("date_to")) {
        return true;
      }
    }
    return false;
  }

  long fromMicros() {
    return fromMicros;
  }

  /** The newest time the window includes. */
  long toMicrosInclusive() {
    return toMicros;
  }

  boolean test(DemoEvent e, DemoHistory h) {
    if (e.micros < fromMicros || e.micros > toMicros) {
      return false;
    }
    DemoCatalog c = h.catalog();
    for (Map.Entry<String, String> t : terms.entrySet()) {
      String v = t.getValue();
      boolean ok =
          switch (t.getKey()) {
            case "resource_type" -> e.resourceType.equals(v);
            case "resource_id" -> e.resourceId.equalsIgnoreCase(v);
            case "resource_target" -> e.resourceTarget.equalsIgnoreCase(v);
            case "action" -> e.action.equals(v);
            case "username" ->
                e.user >= 0 && c.users[e.user].username().equalsIgnoreCase("me".equals(v) ? me : v);
            case "email" -> e.user >= 0 && c.users[e.user].email().equalsIgnoreCase(v);
            case "build_reason" -> e.buildReason.equals(v);
            case "organization" ->
                e.orgStyle != DemoEvent.OrgStyle.ABSENT
                    && (c.orgs[e.org].name().equalsIgnoreCase(v)
                        || c.orgs[e.org].id().equalsIgnoreCase(v));
            case "request_id" -> e.requestId.equalsIgnoreCase(v);
            default -> true; // the dates, checked above
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
