package dev.auditdesk.archive;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 2: the hash chain beside {@code audit_event} (docs/ARCHIVE.md, "The hash chain"), and
 * on an archive that already holds events, the chain built once over them. Java rather than SQL so
 * the links come from the same code as every later one ({@link ArchiveChain}).
 */
final class V2__Hash_chain extends BaseJavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(V2__Hash_chain.class);

  static final String SCHEMA =
      """
      -- One link per event stored, and another each time a stored event changed (replaced_raw:
      -- the JSON it had until then). hash = SHA-256(previous link || the event's JSON as UTF-8).
      CREATE TABLE archive_chain (
        seq          bigint PRIMARY KEY,
        id           text COLLATE "C" NOT NULL,
        replaced_raw text,
        hash         bytea NOT NULL
      );
      CREATE INDEX archive_chain_id ON archive_chain (id);

      -- Every 10,000 links and whenever days were reconciled: the chain's length, the events it
      -- accounts for, its link there, and the completeness record's days by state at that moment.
      CREATE TABLE archive_chain_checkpoint (
        seq                  bigint PRIMARY KEY,
        links                bigint NOT NULL,
        events               bigint NOT NULL,
        hash                 bytea NOT NULL,
        made_at              timestamptz NOT NULL,
        days_verified        integer NOT NULL,
        days_unverified      integer NOT NULL,
        days_only_in_archive integer NOT NULL,
        note                 text NOT NULL
      );
      """;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    }
    long built = ArchiveChain.buildOverStoredEvents(c);
    if (built > 0) {
      LOG.info(
          "Built the archive's hash chain once over the {} events it already held; nothing is"
              + " proven about them before now",
          built);
    }
  }
}
