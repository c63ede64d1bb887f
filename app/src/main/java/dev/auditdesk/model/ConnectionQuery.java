package dev.auditdesk.model;

import java.util.Set;

/**
 * The filters of the connection log as the cache answers them: type families, workspace owner,
 * user, workspace, status and a connect-time range. Empty strings and sets mean "any".
 */
public record ConnectionQuery(
    Set<ConnectionType> families,
    Set<String> types,
    String owner,
    String user,
    String workspace,
    Set<ConnectionStatus> statuses,
    DateRange range) {

  public static final ConnectionQuery ALL =
      new ConnectionQuery(Set.of(), Set.of(), "", "", "", Set.of(), DateRange.ALL);

  public ConnectionQuery {
    families = families == null ? Set.of() : Set.copyOf(families);
    types = types == null ? Set.of() : Set.copyOf(types);
    owner = owner == null ? "" : owner.trim();
    user = user == null ? "" : user.trim();
    workspace = workspace == null ? "" : workspace.trim();
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    range = range == null ? DateRange.ALL : range;
  }

  public ConnectionQuery withFamilies(Set<ConnectionType> f) {
    return new ConnectionQuery(f, types, owner, user, workspace, statuses, range);
  }

  /** Raw {@code type} values (exact), e.g. an app only this deployment's agents report. */
  public ConnectionQuery withTypes(Set<String> t) {
    return new ConnectionQuery(families, t, owner, user, workspace, statuses, range);
  }

  public ConnectionQuery withOwner(String o) {
    return new ConnectionQuery(families, types, o, user, workspace, statuses, range);
  }

  public ConnectionQuery withUser(String u) {
    return new ConnectionQuery(families, types, owner, u, workspace, statuses, range);
  }

  public ConnectionQuery withWorkspace(String w) {
    return new ConnectionQuery(families, types, owner, user, w, statuses, range);
  }

  public ConnectionQuery withStatuses(Set<ConnectionStatus> s) {
    return new ConnectionQuery(families, types, owner, user, workspace, s, range);
  }

  public ConnectionQuery withRange(DateRange r) {
    return new ConnectionQuery(families, types, owner, user, workspace, statuses, r);
  }

  /** Whether {@code r} passes every filter (the slow reference the cache's SQL must agree with). */
  public boolean matches(ConnectionRow r) {
    boolean typeOk =
        (families.isEmpty() && types.isEmpty())
            || families.contains(r.family())
            || types.contains(r.type());
    return typeOk
        && (owner.isEmpty() || owner.equalsIgnoreCase(r.workspaceOwnerUsername()))
        && (user.isEmpty() || user.equalsIgnoreCase(r.username()))
        && (workspace.isEmpty() || workspace.equalsIgnoreCase(r.workspaceName()))
        && (statuses.isEmpty() || statuses.contains(r.status()))
        && range.contains(r.connectTime());
  }
}
