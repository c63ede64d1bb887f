package dev.auditdesk.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.FieldChange;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules at their thresholds, on events stored in a real H2 cache: one event short of a pattern
 * is no finding, the pattern itself is one.
 */
class InsightThresholdsTest {

  static final Instant MONDAY_NOON = Instant.parse("2026-11-16T12:00:00Z");
  static final InsightSettings UTC = InsightSettings.defaults(ZoneOffset.UTC);

  @TempDir Path caches;
  private H2AuditCache cache;
  private int n;

  @AfterEach
  void close() {
    if (cache != null) {
      cache.close();
    }
  }

  private List<Finding> run(List<AuditEvent> events, Rule rule) throws Exception {
    cache =
        CacheStore.open(
            caches.resolve("c" + (++n)),
            new Deployment(URI.create("https://coder.example.com"), ""),
            CacheStore.OpenMode.READ_WRITE);
    cache.upsert(events);
    List<Finding> all = Insights.run(cache, UTC, DateRange.ALL, MONDAY_NOON.plusSeconds(86_400));
    cache.close();
    cache = null;
    return all.stream().filter(f -> f.rule() == rule).toList();
  }

  static AuditEvent event(
      Instant t,
      String user,
      String action,
      String type,
      String target,
      String ip,
      int status,
      List<FieldChange> diff) {
    return new AuditEvent(
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        t,
        t.toString(),
        null,
        ip,
        "curl",
        type,
        UUID.randomUUID().toString(),
        target,
        "",
        "",
        action,
        diff,
        status,
        "{}",
        "{user} " + action + " {target}",
        false,
        user.isEmpty()
            ? Actor.SYSTEM
            : new Actor(
                UUID.nameUUIDFromBytes(user.getBytes()).toString(),
                user,
                user + "@example.com",
                user),
        "",
        "");
  }

  static List<AuditEvent> failedLogins(int count, long secondsApart) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          event(
              MONDAY_NOON.plusSeconds(i * secondsApart),
              "mallory",
              "login",
              "api_key",
              "mallory",
              "10.9.9." + i,
              401,
              List.of()));
    }
    return out;
  }

  @Test
  void nineFailedSignInsAreNoBurstTenAreOne() throws Exception {
    assertEquals(0, run(failedLogins(9, 60), Rule.FAILED_SIGN_INS).size());
    List<Finding> ten = run(failedLogins(10, 60), Rule.FAILED_SIGN_INS);
    assertEquals(1, ten.size());
    assertEquals(10, ten.get(0).ids().size());
    assertEquals("mallory", ten.get(0).actor());
  }

  @Test
  void tenFailedSignInsSpreadOverMoreThanTheWindowAreNoBurst() throws Exception {
    assertEquals(0, run(failedLogins(10, 110), Rule.FAILED_SIGN_INS).size());
  }

  static List<AuditEvent> deletes(int count) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          event(
              MONDAY_NOON.plusSeconds(i * 120L),
              "trent",
              "delete",
              "workspace",
              "ws-" + i,
              "10.0.0.1",
              200,
              List.of()));
    }
    return out;
  }

  @Test
  void nineteenDeletionsInAnHourAreNoMassDeletionTwentyAreOne() throws Exception {
    assertEquals(0, run(deletes(19), Rule.MASS_DELETION).size());
    assertEquals(20, run(deletes(20), Rule.MASS_DELETION).get(0).ids().size());
  }

  static List<AuditEvent> logins(String... ips) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < ips.length; i++) {
      out.add(
          event(
              MONDAY_NOON.plusSeconds(3600L * i),
              "alice",
              "login",
              "api_key",
              "alice",
              ips[i],
              201,
              List.of()));
    }
    return out;
  }

  @Test
  void theFirstSignInsAddressesAreKnownALaterNewOneIsAFinding() throws Exception {
    assertEquals(
        0,
        run(
                logins("10.1.1.1", "10.2.2.2", "10.3.3.3", "10.1.1.1", "127.0.0.1"),
                Rule.NEW_SIGN_IN_ADDRESS)
            .size());
    List<Finding> f =
        run(
            logins("10.1.1.1", "10.1.1.1", "10.1.1.1", "10.7.7.7", "10.7.7.7"),
            Rule.NEW_SIGN_IN_ADDRESS);
    assertEquals(1, f.size());
    assertEquals("10.7.7.7", f.get(0).ip());
  }

  static AuditEvent roles(
      Instant t, String actor, String target, String oldRoles, String newRoles) {
    return event(
        t,
        actor,
        "write",
        "user",
        target,
        "10.0.0.1",
        200,
        List.of(new FieldChange("rbac_roles", oldRoles, newRoles, false)));
  }

  @Test
  void aRoleTakenAwayIsNoGrantARoleAddedIs() throws Exception {
    assertEquals(
        0,
        run(
                List.of(
                    roles(MONDAY_NOON, "alice", "bob", "[\"auditor\",\"owner\"]", "[\"auditor\"]")),
                Rule.PRIVILEGE_GRANT)
            .size());
    List<Finding> f =
        run(
            List.of(roles(MONDAY_NOON, "alice", "bob", "[\"auditor\"]", "[\"auditor\",\"owner\"]")),
            Rule.PRIVILEGE_GRANT);
    assertEquals(1, f.size());
    assertEquals(List.of("alice", "user", "bob", "owner"), f.get(0).args());
  }

  @Test
  void administrationIsReportedOnlyOutsideWorkingHours() throws Exception {
    AuditEvent noon = roles(MONDAY_NOON, "alice", "bob", "[]", "[]");
    AuditEvent night = roles(MONDAY_NOON.minusSeconds(11 * 3600), "alice", "bob", "[]", "[]");
    AuditEvent sunday = roles(MONDAY_NOON.minusSeconds(86_400), "alice", "bob", "[]", "[]");
    assertEquals(0, run(List.of(noon), Rule.OFF_HOURS_ADMIN).size());
    assertEquals(1, run(List.of(night), Rule.OFF_HOURS_ADMIN).size());
    assertEquals(1, run(List.of(sunday), Rule.OFF_HOURS_ADMIN).size());
  }

  @Test
  void onesOwnPasswordIsRoutineSomeoneElsesIsASecretChange() throws Exception {
    List<FieldChange> pw = List.of(new FieldChange("hashed_password", "null", "null", true));
    assertEquals(
        0,
        run(
                List.of(event(MONDAY_NOON, "bob", "write", "user", "bob", "", 200, pw)),
                Rule.SECRET_CHANGE)
            .size());
    List<FieldChange> name = List.of(new FieldChange("name", "\"a\"", "\"b\"", false));
    assertEquals(
        0,
        run(
                List.of(event(MONDAY_NOON, "alice", "write", "user", "bob", "", 200, name)),
                Rule.SECRET_CHANGE)
            .size());
    assertEquals(
        1,
        run(
                List.of(event(MONDAY_NOON, "alice", "write", "user", "bob", "", 200, pw)),
                Rule.SECRET_CHANGE)
            .size());
  }

  @Test
  void aGapInUsuallyBusyHoursIsASilenceAndAQuietNightIsNot() throws Exception {
    List<AuditEvent> busy = new ArrayList<>();
    // Four weeks of weekdays with ten events an hour from 08:00 to 18:00, and nothing at night.
    Instant start = Instant.parse("2026-10-19T00:00:00Z");
    for (int d = 0; d < 28; d++) {
      Instant day = start.plusSeconds(86_400L * d);
      int dow = day.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
      for (int h = 8; h < 18 && dow <= 5; h++) {
        for (int k = 0; k < 10; k++) {
          busy.add(
              event(
                  day.plusSeconds(h * 3600L + k * 300L),
                  "carol",
                  "start",
                  "workspace_build",
                  "ws",
                  "",
                  200,
                  List.of()));
        }
      }
    }
    assertEquals(0, run(busy, Rule.SILENCE).size());
    Instant quietFrom = Instant.parse("2026-11-04T09:00:00Z");
    List<AuditEvent> gap =
        busy.stream()
            .filter(
                e ->
                    e.time().isBefore(quietFrom)
                        || !e.time().isBefore(quietFrom.plusSeconds(7 * 3600)))
            .toList();
    List<Finding> f = run(gap, Rule.SILENCE);
    assertEquals(1, f.size(), f.toString());
    assertEquals(quietFrom, f.get(0).time());
  }
}
