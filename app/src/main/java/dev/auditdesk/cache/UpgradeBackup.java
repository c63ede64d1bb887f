package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A copy of the cache file taken before its schema is upgraded. H2 runs {@code ALTER TABLE} outside
 * transactions, and a kill in the middle of one left a file without its event table (found by
 * {@code CrashSafetyTest}); with the copy, the next open starts the upgrade again from the file as
 * it was.
 */
final class UpgradeBackup {

  private UpgradeBackup() {}

  static Path pathFor(Path dbFile) {
    return dbFile.resolveSibling(dbFile.getFileName() + ".before-upgrade");
  }

  /** Puts the file back as it was before an upgrade that did not finish; false if none. */
  static boolean restoreIfInterrupted(Path dbFile) throws IOException {
    Path backup = pathFor(dbFile);
    if (!Files.exists(backup)) {
      return false;
    }
    move(backup, dbFile);
    return true;
  }

  /** Copies the (closed) file beside itself; complete under its name or not there at all. */
  static void take(Path dbFile) throws IOException {
    Path temp = dbFile.resolveSibling(dbFile.getFileName() + ".before-upgrade.part");
    Files.copy(dbFile, temp, StandardCopyOption.REPLACE_EXISTING);
    PrivateFiles.tighten(temp); // a copy of the audit history: owner-only like the cache itself
    move(temp, pathFor(dbFile));
  }

  /** The upgrade is committed and on disk: the copy is no longer needed. */
  static void drop(Path dbFile) throws IOException {
    Files.deleteIfExists(pathFor(dbFile));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
