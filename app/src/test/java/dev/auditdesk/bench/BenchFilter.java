package dev.auditdesk.bench;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One filter of the side-by-side benchmark said in each engine's language: AuditDesk's query, a SQL
 * WHERE clause over the benchmark's table, and a jq condition over Coder's JSON. The set follows
 * the filters of the cache benchmark (docs/PERFORMANCE.md) on {@link SyntheticEvents}' data.
 */
record BenchFilter(String name, AuditQuery query, String sql, String jq) {

  static List<BenchFilter> fixedSet() {
    Instant end = SyntheticEvents.END;
    Instant yearAgo = end.minus(Duration.ofDays(365));
    Instant monthLater = yearAgo.plus(Duration.ofDays(30));
    Instant week = end.minus(Duration.ofDays(7));
    AuditQuery all = AuditQuery.ALL;
    return List.of(
        new BenchFilter("no filter", all, "1 = 1", "true"),
        new BenchFilter(
            "action = start",
            all.with(Facet.ACTION, Set.of("start")),
            "action = 'start'",
            ".action == \"start\""),
        new BenchFilter(
            "action in (create, delete)",
            all.with(Facet.ACTION, Set.of("create", "delete")),
            "action IN ('create', 'delete')",
            "(.action == \"create\" or .action == \"delete\")"),
        new BenchFilter(
            "user = busiest",
            all.with(Facet.USER, Set.of("user0")),
            "username = 'user0'",
            ".user.username == \"user0\""),
        new BenchFilter(
            "user = rarest",
            all.with(Facet.USER, Set.of("user399")),
            "username = 'user399'",
            ".user.username == \"user399\""),
        new BenchFilter(
            "user + resource type",
            all.with(Facet.USER, Set.of("user0")).with(Facet.RESOURCE_TYPE, Set.of("workspace")),
            "username = 'user0' AND resource_type = 'workspace'",
            ".user.username == \"user0\" and .resource_type == \"workspace\""),
        new BenchFilter(
            "type + action + 30 days a year ago",
            all.with(Facet.RESOURCE_TYPE, Set.of("workspace_build"))
                .with(Facet.ACTION, Set.of("start"))
                .withRange(new DateRange(yearAgo, monthLater)),
            "resource_type = 'workspace_build' AND action = 'start' AND time_us >= "
                + micros(yearAgo)
                + " AND time_us < "
                + micros(monthLater),
            ".resource_type == \"workspace_build\" and .action == \"start\" and .time >= \""
                + yearAgo
                + "\" and .time < \""
                + monthLater
                + "\""),
        new BenchFilter(
            "last 7 days",
            all.withRange(new DateRange(week, null)),
            "time_us >= " + micros(week),
            ".time >= \"" + week + "\""),
        new BenchFilter(
            "target = one workspace",
            all.with(Facet.RESOURCE_TARGET, Set.of("ws-42")),
            "resource_target = 'ws-42'",
            ".resource_target == \"ws-42\""),
        new BenchFilter(
            "free text \"ws-42\"",
            all.withText("ws-42"),
            "(lower(resource_target) LIKE '%ws-42%' OR lower(username) LIKE '%ws-42%'"
                + " OR lower(email) LIKE '%ws-42%' OR lower(description) LIKE '%ws-42%'"
                + " OR lower(action) LIKE '%ws-42%' OR lower(resource_type) LIKE '%ws-42%')",
            "([.resource_target, (.user.username // \"\"), (.user.email // \"\"), .description,"
                + " .action, .resource_type] | map(ascii_downcase) | any(contains(\"ws-42\")))"));
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
