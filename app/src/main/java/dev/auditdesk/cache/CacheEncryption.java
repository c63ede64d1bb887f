package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.h2.tools.ChangeFileEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a closed cache file into an AES-encrypted one and back. The conversion works on a link (or
 * copy) of the file in a private side folder; the result is opened and counted, and only then
 * renamed over the original in one step. A kill at any point leaves either the old file or the
 * verified new one, and the file's first bytes say which it is ({@link #isEncrypted}), so the
 * summary's flag can never disagree with how the file is opened.
 */
final class CacheEncryption {

  private static final Logger LOG = LoggerFactory.getLogger(CacheEncryption.class);

  /** H2's encrypted-file header (FileEncrypt); a plain MVStore file starts with "H:2,". */
  private static final byte[] HEADER = "H2encrypt\n".getBytes(StandardCharsets.US_ASCII);

  /** The private side folder a conversion works in; a leftover one is deleted. */
  static final String WORK = "cache.converting";

  private CacheEncryption() {}

  /** True when the file is H2-encrypted; false when plain or missing. */
  static boolean isEncrypted(Path dbFile) {
    if (!Files.isRegularFile(dbFile)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(dbFile)) {
      return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Rewrites the closed file at {@code dbFile}: encrypted with {@code to} (null: plain), reading it
   * with {@code from} (null: it is plain). Fails without touching the file.
   */
  static void convert(Path dbFile, CacheKey from, CacheKey to) throws CacheException {
    Path work = dbFile.resolveSibling(WORK);
    Path copy = work.resolve(H2AuditCache.DB_NAME + ".mv.db");
    long started = System.nanoTime();
    try {
      clearLeftovers(dbFile);
      PrivateFiles.createDirectories(work);
      try {
        // A hard link costs nothing; the tool replaces the link, never the original's bytes.
        Files.createLink(copy, dbFile);
      } catch (IOException | UnsupportedOperationException e) {
        PrivateFiles.createFile(copy);
        Files.copy(dbFile, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      long before = count(dbFile, from);
      ChangeFileEncryption.execute(
          work.toString(),
          H2AuditCache.DB_NAME,
          "AES",
          from == null ? null : from.reveal().toCharArray(),
          to == null ? null : to.reveal().toCharArray(),
          true);
      PrivateFiles.tightenTree(work);
      long after = count(copy, to);
      if (after != before || isEncrypted(copy) != (to != null)) {
        throw new CacheException(
            CacheException.Problem.IO,
            "The converted copy of "
                + dbFile
                + " did not read back whole ("
                + after
                + " of "
                + before
                + " events); the cache was left as it was.",
            null);
      }
      move(copy, dbFile);
      LOG.info(
          "Cache {} is now {} ({} events, {} ms)",
          dbFile,
          to == null ? "plain" : "encrypted",
          after,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new CacheException(
          CacheException.Problem.IO,
          "Could not convert the cache file "
              + dbFile
              + " ("
              + e.getMessage()
              + "); it was left"
              + " as it was.",
          e);
    } catch (SQLException e) {
      throw CacheErrors.translate(e, dbFile, true);
    } finally {
      CacheFiles.deleteTree(work);
    }
  }

  /** Deletes what a killed conversion left beside the file (never the file itself). */
  static void clearLeftovers(Path dbFile) {
    Path work = dbFile.resolveSibling(WORK);
    if (Files.exists(work)) {
      CacheFiles.deleteTree(work);
    }
  }

  /** The events in a closed file, opened read-only with its key. */
  private static long count(Path file, CacheKey key) throws SQLException {
    String base = file.toAbsolutePath().toString();
    base = base.substring(0, base.length() - ".mv.db".length());
    String url =
        "jdbc:h2:"
            + base
            + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE"
            + (key == null ? "" : ";CIPHER=AES");
    try (Connection c =
            DriverManager.getConnection(url, "sa", key == null ? "" : key.jdbcPassword());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The key a deployment's caches use: the one kept, else a new one kept now. */
  static CacheKey keyFor(Deployment d, CacheKeys keys) throws CacheException {
    if (!keys.available()) {
      throw CacheErrors.noKeyring();
    }
    // Reused, never replaced: another cache of the same URL may already be encrypted with it.
    var kept = keys.load(d);
    if (kept.isPresent()) {
      return kept.get();
    }
    CacheKey fresh = CacheKey.generate();
    keys.save(d, fresh);
    if (!keys.load(d).map(fresh::equals).orElse(false)) {
      throw CacheErrors.noKeyring();
    }
    return fresh;
  }
}
