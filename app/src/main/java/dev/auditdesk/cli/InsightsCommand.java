package dev.auditdesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.ExitCodes;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.insights.Finding;
import dev.auditdesk.insights.InsightSettings;
import dev.auditdesk.insights.Insights;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code auditdesk insights}: the findings of the insight rules over a cache, newest first. */
@Command(
    name = "insights",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the insight rules over the cached audit and connection logs and lists what they",
      "find, newest first: failed sign-ins in bursts, sign-ins from new addresses, administration",
      "outside working hours, role grants, mass deletions, secret changes, silences, long-open",
      "and denied connections (docs/USER-GUIDE.md, \"Insights\", has the thresholds).",
      "Works offline. Exit codes: 0 done (findings or not), 2 usage error, 5 cache problem."
    })
final class InsightsCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Mixin CacheChoice cache;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "Only findings from this day (YYYY-MM-DD, UTC) or instant on.")
  String since;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "Time zone of the working hours (08:00-19:00, Monday to Friday), e.g. Europe/Berlin"
              + " (default: this computer's).")
  String zone;

  @Option(names = "--json", description = "Print the findings as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    DateRange range;
    InsightSettings settings;
    Deployment deployment;
    try {
      range =
          since == null
              ? DateRange.ALL
              : new DateRange(FilterOptions.time("--since", since, false), Instant.MAX);
      settings = InsightSettings.defaults(zone());
      deployment = cache.resolve();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println("Run 'auditdesk insights --help' for the options.");
      return ExitCodes.USAGE;
    }
    try (H2AuditCache c =
        CacheStore.open(cache.root(), deployment, CacheStore.OpenMode.READ_ONLY)) {
      List<Finding> findings = Insights.run(c, settings, range, Instant.now());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(json(deployment, range, findings));
      } else {
        table(out, findings);
        err.println(findings.size() + " findings in the cache of " + deployment.url() + ".");
      }
      out.flush();
      return ExitCodes.OK;
    } catch (CacheException e) {
      err.println(e.getMessage());
      return ExitCodes.CACHE;
    }
  }

  private ZoneId zone() {
    if (zone == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "--zone \"" + zone + "\" is not a time zone: use a name such as Europe/Berlin or UTC.");
    }
  }

  private static void table(PrintWriter out, List<Finding> findings) {
    String format = "%-20s  %-6s  %-18s  %6s  %s%n";
    out.printf(format, "TIME", "LEVEL", "RULE", "EVENTS", "WHAT");
    for (Finding f : findings) {
      out.printf(
          format,
          TIME.format(f.time()),
          f.severity().name().toLowerCase(java.util.Locale.ROOT),
          f.rule().id(),
          f.ids().size(),
          f.explanation());
    }
  }

  static String json(Deployment d, DateRange range, List<Finding> findings) {
    ObjectNode n = AuditEventJson.mapper().createObjectNode();
    n.put("deployment", d.url().toString());
    if (range.hasFrom()) {
      n.put("since", range.from().toString());
    } else {
      n.putNull("since");
    }
    n.put("count", findings.size());
    ArrayNode list = n.putArray("findings");
    for (Finding f : findings) {
      ObjectNode o = list.addObject();
      o.put("rule", f.rule().id());
      o.put("title", f.rule().title());
      o.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
      o.put("time", f.time().toString());
      o.put("explanation", f.explanation());
      o.put("actor", f.actor());
      o.put("ip", f.ip());
      o.put("log", f.rule().connectionLog() ? "connections" : "audit");
      ArrayNode ids = o.putArray("ids");
      f.ids().forEach(ids::add);
    }
    return n.toString();
  }
}
