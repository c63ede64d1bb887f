package dev.auditdesk.cli;

import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionStatus;
import dev.auditdesk.model.ConnectionType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The connection log's filters on the command line ({@code export --log connections}); {@code
 * --user}, {@code --from} and {@code --to} are shared with the audit filters.
 */
final class ConnectionFilterOptions {

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "Connections only: a family (ssh, vscode, jetbrains, web_terminal, app,"
              + " port_forwarding, tunnel) or a raw type such as cursor (repeatable).")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--owner",
      paramLabel = "U",
      description = "Connections only: to workspaces of this owner.")
  String owner;

  @Option(
      names = "--workspace",
      paramLabel = "W",
      description = "Connections only: to this workspace.")
  String workspace;

  @Option(
      names = "--status",
      paramLabel = "S",
      description = "Connections only: ongoing or completed sessions (repeatable).")
  List<String> statuses = new ArrayList<>();

  /** Whether any option of the connection log was given (refused with --log audit). */
  boolean any() {
    return !types.isEmpty() || owner != null || workspace != null || !statuses.isEmpty();
  }

  /** The query of these options, the user and date range taken from the audit filters. */
  ConnectionQuery toQuery(FilterOptions shared) {
    if (shared.users.size() > 1) {
      throw new IllegalArgumentException("--user: the connection log takes one user.");
    }
    if (!shared.resourceTypes.isEmpty()
        || !shared.actions.isEmpty()
        || !shared.targets.isEmpty()
        || shared.search != null
        || shared.query != null) {
      throw new IllegalArgumentException(
          "--resource-type, --action, --target, --search and --query filter the audit log;"
              + " the connection log takes --type, --owner, --user, --workspace, --status,"
              + " --from and --to.");
    }
    Set<ConnectionType> families = new HashSet<>();
    Set<String> raw = new HashSet<>();
    for (String t : types) {
      String v = t.trim().toLowerCase(Locale.ROOT);
      ConnectionType f = ConnectionType.parse(v);
      if (f != ConnectionType.OTHER && (f.types().contains(v) && !v.equals(f.searchValue()))) {
        raw.add(v); // an app of a family (cursor): just that app
      } else if (f != ConnectionType.OTHER) {
        families.add(f);
      } else {
        raw.add(v); // a type this version does not know: matched as written
      }
    }
    Set<ConnectionStatus> status = new HashSet<>();
    for (String s : statuses) {
      try {
        status.add(ConnectionStatus.parse(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--status: " + e.getMessage());
      }
    }
    return new ConnectionQuery(
        families,
        raw,
        owner,
        shared.users.isEmpty() ? "" : shared.users.get(0),
        workspace,
        status,
        shared.toQuery().range());
  }
}
