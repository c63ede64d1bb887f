package dev.auditdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.TestPostgres;
import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --archive} as an auditor runs it on a real PostgreSQL filled by {@code sync
 * --archive} from the demo server: whole, then each kind of change made behind AuditDesk's back
 * with plain SQL as the archive's owner (an event's JSON edited, an event deleted, an event
 * inserted) named with its position and exit 6, and a noted link that no longer matches.
 */
class VerifyArchiveCommandTest {

  @TempDir Path dir;

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.withEnv(env, args);
  }

  @Test
  void verifyFindsAnEditedADeletedAndAnInsertedEventWithTheirPositions() throws Exception {
    ArchiveUrl db = TestPostgres.get().newDatabase();
    String address = db.display();
    Map<String, String> env = Map.of("PGPASSWORD", db.password());
    try (DemoServer s =
        DemoServer.start(DemoConfig.defaults().withEvents(1_200).withSeed(5).withPort(0))) {
      Path pw = Files.writeString(dir.resolve("pg"), db.password() + "\n");
      assertEquals(
          ExitCodes.OK,
          run(Map.of(), "archive", "init", "--db", address, "--password-file", pw.toString())
              .exit());
      Path coder = Files.writeString(dir.resolve("coder"), DemoServer.PASSWORD);
      CliRun sync =
          run(
              env,
              "sync",
              "--url",
              s.url().toString(),
              "--email",
              s.email(),
              "--password-file",
              coder.toString(),
              "--archive",
              address);
      assertEquals(ExitCodes.OK, sync.exit(), sync.err());

      CliRun whole = run(env, "verify", "--archive", address, "--json");
      assertEquals(ExitCodes.OK, whole.exit(), whole.err());
      assertTrue(
          whole
              .err()
              .contains(
                  "OK: The audit log's chain is whole: 1200 links account for all"
                      + " 1200 events in the archive"),
          whole.err());
      assertTrue(whole.out().contains("\"ok\":true"), whole.out());
      assertFalse(whole.out().contains(db.password()) || whole.err().contains(db.password()));
      Matcher m = Pattern.compile("--noted (\\d+:[0-9a-f]{64})").matcher(whole.err());
      assertTrue(m.find(), whole.err());
      String noted = m.group(1);
      assertTrue(noted.startsWith("1199:"), noted);
      assertEquals(ExitCodes.OK, run(env, "verify", "--archive", address, "--noted", noted).exit());

      try (Connection c = TestPostgres.get().admin(db.database());
          Statement st = c.createStatement()) {
        String edited = idAt(c, 100);
        st.executeUpdate(
            "UPDATE audit_event SET raw = replace(raw, '\"action\":', '\"action\" :') WHERE id = '"
                + edited
                + "'");
        CliRun r = run(env, "verify", "--archive", address);
        assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
        assertTrue(
            r.err().contains("FAILED: The audit log's chain is broken at position 100"), r.err());
        assertTrue(
            r.err()
                .contains(
                    "Event "
                        + edited
                        + " (position 100) was changed after AuditDesk"
                        + " stored it."),
            r.err());
        st.executeUpdate(
            "UPDATE audit_event SET raw = replace(raw, '\"action\" :', '\"action\":') WHERE id = '"
                + edited
                + "'");
        assertEquals(ExitCodes.OK, run(env, "verify", "--archive", address).exit(), "restored");

        String deleted = idAt(c, 700);
        String deletedRow = rowJson(c, deleted);
        st.executeUpdate("DELETE FROM audit_event WHERE id = '" + deleted + "'");
        r = run(env, "verify", "--archive", address, "--json");
        assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains("broken at position 700"), r.err());
        assertTrue(
            r.err().contains("Event " + deleted + " (position 700) was removed from the archive."),
            r.err());
        assertTrue(r.out().contains("\"first_bad_position\":700"), r.out());
        st.executeUpdate(
            "INSERT INTO audit_event SELECT * FROM json_populate_record(NULL::audit_event, '"
                + deletedRow.replace("'", "''")
                + "')");
        assertEquals(ExitCodes.OK, run(env, "verify", "--archive", address).exit(), "restored");

        st.executeUpdate(
            "INSERT INTO audit_event SELECT 'forged-event-1', time, action, resource_type,"
                + " resource_target, resource_id, request_id, username, actor_id, email_lc,"
                + " actor_key, org_name, org_display, org_id, org_label, org_key, build_reason,"
                + " status, ip, search, replace(raw, id, 'forged-event-1'), stored_at FROM"
                + " audit_event WHERE id = '"
                + edited
                + "'");
        r = run(env, "verify", "--archive", address);
        assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains("broken at position 1200"), r.err());
        assertTrue(
            r.err()
                .contains(
                    "Event forged-event-1 was inserted behind AuditDesk's back: no link"
                        + " of the audit log's chain accounts for it (it would join at position 1200)."),
            r.err());
        st.executeUpdate("DELETE FROM audit_event WHERE id = 'forged-event-1'");
        assertEquals(ExitCodes.OK, run(env, "verify", "--archive", address).exit(), "restored");

        // Whoever can rewrite the whole chain is caught by the link the auditor kept outside.
        st.executeUpdate("UPDATE archive_chain SET hash = sha256(hash) WHERE seq = 1199");
        st.executeUpdate(
            "UPDATE archive_meta SET value = '1199:1200:' || encode((SELECT hash FROM"
                + " archive_chain WHERE seq = 1199), 'hex') WHERE key = 'chain_head'");
        r = run(env, "verify", "--archive", address, "--noted", noted);
        assertEquals(ExitCodes.VERIFY_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains("The link at position 1199 is not the one you noted"), r.err());
      }
    }
  }

  @Test
  void anArchiveWithoutAPasswordOrABadNotedLinkIsOneSentence() throws Exception {
    ArchiveUrl db = TestPostgres.get().newDatabase();
    String address = db.display();
    CliRun bad =
        run(Map.of("PGPASSWORD", db.password()), "verify", "--archive", address, "--noted", "x");
    assertEquals(ExitCodes.USAGE, bad.exit(), bad.err());
    assertTrue(bad.err().contains("A noted link is POSITION:SHA-256"), bad.err());
    CliRun none = run(Map.of("PGPASSWORD", db.password()), "verify", "--archive", address);
    assertEquals(ExitCodes.CACHE, none.exit(), none.err());
  }

  private static String idAt(Connection c, long seq) throws Exception {
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM archive_chain WHERE seq = ?")) {
      p.setLong(1, seq);
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next());
        return r.getString(1);
      }
    }
  }

  private static String rowJson(Connection c, String id) throws Exception {
    try (PreparedStatement p =
        c.prepareStatement("SELECT row_to_json(a)::text FROM audit_event a WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next());
        return r.getString(1);
      }
    }
  }
}
