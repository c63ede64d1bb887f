package dev.auditdesk.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventCount;
import dev.auditdesk.model.Facet;
import dev.auditdesk.ui.session.Session;
import dev.auditdesk.ui.testing.SampleEvents;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The count of a window on a large team archive without the day counts (made before migration 3):
 * the total above the threshold is PostgreSQL's estimate, marked "≈" with a tooltip and counted
 * exactly on request; the matches stay exact. With the day counts, the total and every count they
 * hold are exact at once, and only the other filters (a user here) show an estimate first.
 */
class EstimatedCountTest {

  static PostgresArchive archive;
  static long total;
  static long alice;

  @BeforeAll
  static void fillArchive() throws Exception {
    archive = filled("2");
    total = archive.total();
    alice = archive.count(AuditQuery.ALL.with(Facet.USER, Set.of("alice")));
  }

  /** An archive at migration {@code target} with 120,003 events, its statistics up to date. */
  private static PostgresArchive filled(String target) throws Exception {
    ArchiveUrl db = TestPostgres.get().newArchive(target);
    PostgresArchive archive = PostgresArchive.open(db);
    archive.rememberDeployment(Deployment.parse("https://coder.example.com"), "test");
    archive.upsert(
        SampleEvents.series(3, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(1), "e"));
    // 40,000 copies of those 3 under new ids, in SQL: the estimate needs a large table, not a
    // slow test; the table's statistics are what ANALYZE (or autovacuum) leaves.
    try (Connection c = TestPostgres.get().admin(db.database());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO audit_event SELECT a.id || '-' || g, a.time - g * interval '1 second',"
              + " action, resource_type, resource_target, resource_id, request_id, username,"
              + " actor_id, email_lc, actor_key, org_name, org_display, org_id, org_label,"
              + " org_key, build_reason, status, ip, search, raw, stored_at"
              + " FROM audit_event a, generate_series(1, 40000) g");
      s.execute("ANALYZE audit_event");
    }
    return archive;
  }

  @AfterAll
  static void close() {
    archive.close();
  }

  @Test
  void aLargeArchivesTotalIsTheStatisticsEstimateMarkedAsSuch() {
    assertEquals(120_003, total);
    EventCount t = archive.totalCount();
    assertTrue(t.estimated(), "above " + PostgresArchive.ESTIMATE_ABOVE + ": estimated");
    assertTrue(Math.abs(t.value() - total) < total / 10, "close to the count: " + t.value());
  }

  @Test
  void aLargeResultShowsItsFirstRowsWithTheEstimateThenTheExactCount() {
    MainViewModel vm =
        new MainViewModel(
            Session.offline(archive.deployment(), archive), Runnable::run, Runnable::run);
    List<String> said = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    vm.countTextProperty().addListener((o, was, now) -> said.add(now));
    vm.rowsProperty().addListener((o, was, now) -> sizes.add(now.size()));
    List<Boolean> counting = new ArrayList<>();
    vm.countingProperty().addListener((o, was, now) -> counting.add(now));
    vm.start();
    assertEquals(List.of(true, false), counting, "counting in the background, then done");
    // No filter: the table first has the statistics' estimate of rows, marked and being counted.
    assertTrue(said.size() >= 2, said.toString());
    assertTrue(
        said.get(0).startsWith("≈ ") && said.get(0).endsWith("events, counting…"), said.get(0));
    assertTrue(Math.abs(sizes.get(0) - total) < total / 10, "estimated rows: " + sizes);
    assertEquals(String.format("%,d events", total), vm.countTextProperty().get());
    assertEquals(total, vm.rowsProperty().get().size(), "then exactly the matches");
    assertFalse(vm.countingProperty().get());

    // A filter that keeps most events (a date range around all of them): its first rows with the
    // planner's estimate, then its exact count beside the total's estimate.
    said.clear();
    sizes.clear();
    vm.queryModel()
        .setRange(
            new DateRange(
                Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    assertTrue(said.get(0).startsWith("≈ ") && said.get(0).endsWith("counting…"), said.toString());
    assertEquals(total, vm.matchingProperty().get(), "then exact");
    assertTrue(
        vm.countTextProperty().get().startsWith(String.format("%,d of ≈ ", total)),
        vm.countTextProperty().get());
    assertEquals(total, vm.rowsProperty().get().size());

    // A small result never shows an estimate: the planner is often far off there.
    said.clear();
    vm.queryModel()
        .setRange(
            new DateRange(
                Instant.parse("2026-11-01T01:59:50Z"), Instant.parse("2026-11-01T02:00:01Z")));
    assertTrue(said.stream().noneMatch(t -> t.contains("counting")), said.toString());
    vm.dispose();
  }

  @Test
  void theWindowMarksTheEstimateAndCountsExactlyOnRequest() {
    MainViewModel vm =
        new MainViewModel(
            Session.offline(archive.deployment(), archive), Runnable::run, Runnable::run);
    vm.start();
    assertEquals(String.format("%,d events", total), vm.countTextProperty().get());
    assertFalse(vm.countEstimatedProperty().get(), "no filter: the matches are the total");

    vm.queryModel().select(Facet.USER, Set.of("alice"));
    assertEquals(alice, vm.matchingProperty().get(), "the matches stay exact");
    assertTrue(vm.countEstimatedProperty().get());
    assertTrue(
        vm.countTextProperty().get().startsWith(String.format("%,d of ≈ ", alice)),
        vm.countTextProperty().get());
    assertTrue(
        vm.estimateTextProperty().get().contains("estimated by PostgreSQL"),
        vm.estimateTextProperty().get());

    vm.countExactly();
    assertFalse(vm.countEstimatedProperty().get());
    assertEquals(String.format("%,d of %,d events", alice, total), vm.countTextProperty().get());
    assertEquals("", vm.estimateTextProperty().get());
    vm.dispose();
  }

  @Test
  void withTheDayCountsTheTotalAndTheirFiltersAreExactAtOnce() throws Exception {
    try (PostgresArchive counted = filled("latest")) {
      assertEquals(new EventCount(total, false), counted.totalCount());
      MainViewModel vm =
          new MainViewModel(
              Session.offline(counted.deployment(), counted), Runnable::run, Runnable::run);
      List<String> said = new ArrayList<>();
      vm.countTextProperty().addListener((o, was, now) -> said.add(now));
      vm.start();
      vm.queryModel()
          .setRange(
              new DateRange(
                  Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
      assertTrue(said.stream().noneMatch(t -> t.contains("≈")), said.toString());
      assertEquals(String.format("%,d events", total), vm.countTextProperty().get(), "all match");

      // A user is not in the day counts: its first rows with the planner's estimate, then exact.
      said.clear();
      vm.queryModel().setRange(DateRange.ALL);
      vm.queryModel().select(Facet.USER, Set.of("alice"));
      assertTrue(
          said.get(0).startsWith("≈ ") && said.get(0).endsWith("counting…"), said.toString());
      assertEquals(String.format("%,d of %,d events", alice, total), vm.countTextProperty().get());
      vm.dispose();
    }
  }
}
