package dev.auditdesk.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.RedactingConverter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Archive addresses as people type them, and the password never shown or logged. */
class ArchiveUrlTest {

  @Test
  void theThreeSpellingsGiveTheSameArchiveAndTheDriverNeverSeesTheCredentialsInTheAddress() {
    for (String typed :
        new String[] {
          "postgresql://alice:s3cr%40t@db.example.com/audit?sslmode=verify-full",
          "postgres://alice:s3cr%40t@db.example.com:5432/audit?sslmode=verify-full",
          "jdbc:postgresql://db.example.com/audit?user=alice&password=s3cr%40t&sslmode=verify-full"
        }) {
      ArchiveUrl u = ArchiveUrl.parse(typed);
      assertEquals("db.example.com", u.host());
      assertEquals(5432, u.port());
      assertEquals("audit", u.database());
      assertEquals("alice", u.user());
      assertEquals("s3cr@t", u.password());
      assertEquals("verify-full", u.sslMode().orElseThrow());
      assertEquals("jdbc:postgresql://db.example.com:5432/audit?sslmode=verify-full", u.jdbcUrl());
      assertEquals("postgresql://alice@db.example.com:5432/audit?sslmode=verify-full", u.display());
      assertFalse(u.toString().contains("s3cr"));
    }
  }

  @Test
  void theEnvironmentFillsOnlyWhatTheAddressLacks() {
    Map<String, String> env = Map.of("PGUSER", "bob", "PGPASSWORD", "from-env");
    ArchiveUrl bare = ArchiveUrl.parse("postgresql://db/audit").withEnvironment(env::get);
    assertEquals("bob", bare.user());
    assertEquals("from-env", bare.password());
    ArchiveUrl given = ArchiveUrl.parse("postgresql://alice:pw@db/audit").withEnvironment(env::get);
    assertEquals("alice", given.user());
    assertEquals("pw", given.password());
  }

  @Test
  void aWrongAddressIsASentenceWithoutThePassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ArchiveUrl.parse("mysql://alice:hunter2@db/audit"));
    assertTrue(e.getMessage().contains("is not a PostgreSQL address"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
    assertThrows(
        IllegalArgumentException.class, () -> ArchiveUrl.parse("postgresql://db.example.com"));
  }

  @Test
  void theLogMasksArchivePasswordsWrittenInAnyForm() {
    String line =
        "connecting to postgresql://alice:hunter2@db/audit and"
            + " jdbc:postgresql://db/audit?user=alice&password=hunter3";
    String logged = RedactingConverter.redact(line);
    assertFalse(logged.contains("hunter2"), logged);
    assertFalse(logged.contains("hunter3"), logged);
  }
}
