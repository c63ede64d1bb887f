package dev.auditdesk.cli;

import dev.auditdesk.ExitCodes;
import dev.auditdesk.OsKeyring;
import dev.auditdesk.archive.ArchiveCredentials;
import dev.auditdesk.archive.ArchiveUrl;
import dev.auditdesk.archive.PostgresArchive;
import dev.auditdesk.archive.TakeOffline;
import dev.auditdesk.cache.CacheException;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code auditdesk archive}: the team archive on PostgreSQL (docs/ARCHIVE.md): create or update its
 * schema, and take a slice of it offline into a local cache, checked day by day.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "A team archive of one deployment's audit log in PostgreSQL (docs/ARCHIVE.md).",
      "Fill it with 'auditdesk sync --archive postgresql://...'."
    },
    subcommands = {
      ArchiveCommand.Init.class,
      ArchiveCommand.TakeOfflineCommand.class,
      ArchiveCommand.CheckOffline.class
    })
public final class ArchiveCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The archive's address and where its password comes from, shared by the subcommands. */
  static final class Db {
    @Option(
        names = "--db",
        required = true,
        paramLabel = "URL",
        description =
            "postgresql://[user@]host[:port]/database[?sslmode=verify-full&...]. The password"
                + " comes from --password-file, PGPASSWORD or the OS keyring (never type it here:"
                + " ps would show it).")
    String db;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description = "A file holding the database password (first line).")
    Path passwordFile;

    /** Where environment variables come from; tests replace it. */
    UnaryOperator<String> env = System::getenv;

    ArchiveUrl url() throws IOException {
      ArchiveUrl u = ArchiveUrl.parse(db);
      if (passwordFile != null) {
        var lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        u = u.withPassword(lines.isEmpty() ? "" : lines.get(0).trim());
      }
      return ArchiveCredentials.complete(u, env, OsKeyring.shared());
    }
  }

  /** Runs a subcommand's body with the plain sentences and exit codes of every command. */
  abstract static class Sub implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Db db = new Db();

    abstract int run(ArchiveUrl url, PrintWriter err) throws CacheException;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      ArchiveUrl url;
      try {
        url = db.url();
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return ExitCodes.USAGE;
      } catch (IOException e) {
        err.println("Could not read " + db.passwordFile + " (" + e.getMessage() + ").");
        return ExitCodes.USAGE;
      }
      try {
        return run(url, err);
      } catch (CacheException e) {
        err.println(e.getMessage());
        return ExitCodes.CACHE;
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return ExitCodes.USAGE;
      } catch (IllegalStateException e) {
        err.println(e.getMessage());
        return ExitCodes.CACHE;
      }
    }
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Create the archive's tables in an existing database, or update them to this version's"
            + " schema (numbered migrations; running it again changes nothing)."
      })
  static final class Init extends Sub {
    @Override
    int run(ArchiveUrl url, PrintWriter err) throws CacheException {
      PostgresArchive.Initialised done = PostgresArchive.initialise(url);
      int ran = done.migrations();
      err.println(
          ran == 0
              ? "The archive " + url.display() + " is up to date."
              : "The archive " + url.display() + " is ready (" + ran + " migrations applied).");
      done.chainBuilt()
          .ifPresent(
              b ->
                  err.println(
                      "The archive's hash chain was built now, once, over the "
                          + b.events()
                          + " events it already held. From here on, any change behind"
                          + " AuditDesk's back shows in 'auditdesk verify --archive'; nothing is"
                          + " proven about those events before today."));
      if (url.sslMode().isEmpty() && !loopback(url.host())) {
        err.println(
            "Note: no sslmode in the address; use ?sslmode=verify-full so the connection is"
                + " encrypted and the server's certificate checked.");
      }
      return ExitCodes.OK;
    }
  }

  /** The slice options of take-offline and check-offline. */
  abstract static class Slice extends Sub {
    @Mixin CacheFolder cache;
    @Mixin FilterOptions filters;

    @Option(
        names = "--since",
        paramLabel = "WHEN",
        description = "Only events from this day (YYYY-MM-DD, UTC) or the last N days (e.g. 90d).")
    String since;

    AuditQuery slice() {
      AuditQuery q = filters.toQuery();
      if (since == null || since.isBlank()) {
        return q;
      }
      return q.withRange(new DateRange(since(since.trim(), Instant.now()), q.range().to()));
    }

    static Instant since(String text, Instant now) {
      if (text.matches("\\d+d")) {
        return TakeOffline.lastDays(Long.parseLong(text.substring(0, text.length() - 1)), now);
      }
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--since takes a day (2026-09-01) or a number of days (90d), not \"" + text + "\".");
      }
    }

    int report(PrintWriter err, TakeOffline.Result r, String verb) {
      NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
      if (r.matches()) {
        err.println(
            verb
                + nf.format(r.localEvents())
                + " events over "
                + r.daysCompared()
                + " days; every day holds the same number of events as the archive.");
        return ExitCodes.OK;
      }
      err.println(
          "The local cache differs from the archive on "
              + r.differ().size()
              + " days ("
              + nf.format(r.archiveEvents())
              + " events in the archive's slice, "
              + nf.format(r.localEvents())
              + " here):");
      r.differ().stream()
          .limit(20)
          .forEach(
              d ->
                  err.println(
                      "  " + d.day() + ": archive " + d.archive() + ", local " + d.local()));
      return ExitCodes.VERIFY_FAILED;
    }
  }

  @Command(
      name = "take-offline",
      mixinStandardHelpOptions = true,
      description = {
        "Copy a slice of the archive (e.g. --since 90d, --user, --action) into this computer's"
            + " cache of the same deployment, for travel; then compare the two day by day.",
        "Exit codes: 0 copied and equal, 5 archive or cache problem, 6 the counts differ."
      })
  static final class TakeOfflineCommand extends Slice {
    @Override
    int run(ArchiveUrl url, PrintWriter err) throws CacheException {
      AuditQuery q = slice();
      try (PostgresArchive archive = PostgresArchive.open(url)) {
        TakeOffline.Taken t = TakeOffline.intoCaches(archive, q, cache.root(), null, () -> false);
        TakeOffline.Result r = t.result();
        int code = report(err, r, "Took offline into " + t.folder() + ": ");
        if (r.verifiedDaysCopied() > 0) {
          err.println(
              r.verifiedDaysCopied() + " days verified by the archive are marked verified here.");
        }
        return code;
      }
    }
  }

  @Command(
      name = "check-offline",
      mixinStandardHelpOptions = true,
      description = {
        "Compare a slice taken offline earlier with the archive now, day by day (give the same"
            + " slice options as to take-offline).",
        "Exit codes: 0 equal, 5 archive or cache problem, 6 the counts differ."
      })
  static final class CheckOffline extends Slice {
    @Override
    int run(ArchiveUrl url, PrintWriter err) throws CacheException {
      AuditQuery q = slice();
      try (PostgresArchive archive = PostgresArchive.open(url)) {
        return report(
            err, TakeOffline.checkCaches(archive, q, cache.root()), "The local cache holds ");
      }
    }
  }

  static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
