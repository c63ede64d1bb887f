package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.Organization;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A click on a table column's header sorts every cached event by what that column shows. */
class TableColumnSortTest {

  @TempDir Path root;

  @Test
  void savedLayoutsStillFindEveryTableColumnByItsId() {
    assertEquals(
        List.of(
            "col-time",
            "col-user",
            "col-action",
            "col-resource-type",
            "col-resource-target",
            "col-status",
            "col-ip",
            "col-organization",
            "col-description"),
        EventColumn.table().stream().map(EventColumn::tableColumnId).toList());
  }

  @Test
  void everySortableTableColumnSortsTheCacheByItsText() throws Exception {
    Instant t = Instant.parse("2026-11-01T12:00:00Z");
    // Newest first, the values of every column are out of order: b, a, c.
    List<AuditEvent> events =
        List.of(
            event("2", t, "bob", "start", "template", "beta", 404, "10.0.0.2", "Beta"),
            event(
                "1",
                t.minusSeconds(60),
                "alice",
                "create",
                "api_key",
                "alpha",
                200,
                "10.0.0.1",
                "Alpha"),
            event(
                "3",
                t.minusSeconds(120),
                "carol",
                "write",
                "workspace",
                "gamma",
                500,
                "10.0.0.3",
                "Gamma"));
    try (H2AuditCache cache =
        CacheStore.open(
            root, Deployment.parse("https://coder.example.com"), CacheStore.OpenMode.READ_WRITE)) {
      cache.upsert(events);
      int sortable = 0;
      for (EventColumn c : EventColumn.table()) {
        if (c.sort().isEmpty()) {
          continue;
        }
        sortable++;
        List<String> asc =
            texts(c, cache.page(AuditQuery.ALL, new SortOrder(c.sort().get(), true), 0, 10));
        List<String> desc =
            texts(c, cache.page(AuditQuery.ALL, new SortOrder(c.sort().get(), false), 0, 10));
        List<String> expected = c == EventColumn.TIME ? times(t) : sortedTexts(c, events);
        assertEquals(expected, asc, c + " ascending");
        List<String> newestFirst = new ArrayList<>(expected);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, desc, c + " descending");
      }
      assertEquals(8, sortable, "every table column but the description sorts");
    }
  }

  private static List<String> times(Instant t) {
    return List.of(t.minusSeconds(120).toString(), t.minusSeconds(60).toString(), t.toString());
  }

  private static List<String> sortedTexts(EventColumn c, List<AuditEvent> events) {
    return events.stream().map(c::text).sorted().toList();
  }

  private static List<String> texts(EventColumn c, List<AuditEvent> page) {
    return page.stream().map(c::text).toList();
  }

  private static AuditEvent event(
      String n,
      Instant time,
      String user,
      String action,
      String type,
      String target,
      int status,
      String ip,
      String org) {
    return new AuditEvent(
        "00000000-0000-0000-0000-00000000000" + n,
        "",
        time,
        "",
        new Organization("org-" + n, org.toLowerCase(), org),
        ip,
        "",
        type,
        "",
        target,
        "",
        "",
        action,
        null,
        status,
        null,
        "{user} did it",
        false,
        new Actor("user-" + n, user, user + "@example.com", ""),
        "",
        "");
  }
}
