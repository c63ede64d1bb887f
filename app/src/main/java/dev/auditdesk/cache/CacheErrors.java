package dev.auditdesk.cache;

import dev.auditdesk.MemoryShortage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The plain sentences for what can go wrong with a cache file, each naming the file and the way
 * out.
 */
final class CacheErrors {

  /** H2 error code for a row-key gap found while loading (a damaged file). */
  static final int ERROR_GAP = 99_001;

  private CacheErrors() {}

  /** The plain sentence for an H2 failure on a cache file, naming the file and the way out. */
  static CacheException translate(SQLException e, Path file, boolean readOnly) {
    if (MemoryShortage.in(e)) {
      return outOfMemory(file, e);
    }
    int code = e.getErrorCode();
    StringBuilder chain = new StringBuilder();
    for (Throwable t = e; t != null && chain.length() < 10_000; t = t.getCause()) {
      chain.append(t.getMessage()).append('\n');
    }
    String text = chain.toString().toLowerCase(Locale.ROOT);
    // H2 reports a file it cannot parse as a plain IO error; a readable, writable file is damaged.
    boolean unreadable =
        code == 90028
            && Files.isRegularFile(file)
            && Files.isReadable(file)
            && (readOnly || Files.isWritable(file));
    if (code == 90020 || text.contains("already in use") || text.contains("locked by another")) {
      return new CacheException(
          CacheException.Problem.LOCKED,
          "The cache file "
              + file
              + " is in use by another AuditDesk (another window, or a sync still running). Close"
              + " it and try again, or open the cache read-only to look at it meanwhile.",
          e);
    }
    if (code == 90030
        || unreadable
        || code == 90048
        || code == ERROR_GAP
        || text.contains("corrupt")
        || text.contains("file version")
        || text.contains("chunk")
        || text.contains("header")) {
      return new CacheException(
          CacheException.Problem.CORRUPT,
          "The cache file "
              + file
              + " is damaged and cannot be read. Move it aside and sync again to rebuild it from"
              + " the server (the damaged file is kept, nothing on the server is lost); a cache of"
              + " an imported file is rebuilt by importing that file again.",
          e);
    }
    if (code == 90100 || text.contains("no space")) {
      return new CacheException(
          CacheException.Problem.IO,
          "The disk holding the cache file " + file + " is full. Free some space and sync again.",
          e);
    }
    if (code == 90097 || code == 90146) {
      return new CacheException(
          CacheException.Problem.IO,
          "The cache file " + file + " cannot be " + (readOnly ? "read" : "written") + ".",
          e);
    }
    String first = String.valueOf(e.getMessage()).split("\n")[0];
    return new CacheException(
        CacheException.Problem.IO,
        "The cache file "
            + file
            + " could not be used ("
            + first
            + "). Move it aside and sync again if this repeats.",
        e);
  }

  static CacheException newer(Path dbFile, int version) {
    return new CacheException(
        CacheException.Problem.NEWER_VERSION,
        "The cache file "
            + dbFile
            + " was written by a newer AuditDesk (cache format "
            + version
            + ", this version reads up to "
            + Migrations.latest()
            + "). Update AuditDesk, or move the file aside and sync again.",
        null);
  }

  static CacheException notACache(Path dbFile) {
    return new CacheException(
        CacheException.Problem.CORRUPT,
        "The cache file " + dbFile + " holds no AuditDesk cache. Move it aside and sync again.",
        null);
  }

  static CacheException upgradeCopyFailed(Path dbFile, java.io.IOException e) {
    return new CacheException(
        CacheException.Problem.IO,
        "Could not keep a copy of the cache file "
            + dbFile
            + " while upgrading it ("
            + e.getMessage()
            + "). Free some disk space and open it again.",
        e);
  }

  /** The heap ran out while opening or writing the cache: the limit and how to raise it. */
  static CacheException outOfMemory(Path dbFile, Throwable e) {
    return new CacheException(CacheException.Problem.IO, MemoryShortage.message(), e);
  }

  static CacheException closed(Path dbFile) {
    return new CacheException(
        CacheException.Problem.IO, "The cache " + dbFile + " was already closed.", null);
  }

  static CacheException readOnly(Path dbFile) {
    return new CacheException(
        CacheException.Problem.IO,
        "The cache "
            + dbFile
            + " is open read-only, so it cannot take new events. Close the other AuditDesk"
            + " that uses it, then open it again to sync.",
        null);
  }

  /** An encrypted cache whose key is not in this computer's keyring. Nothing is touched. */
  static CacheException keyMissing(Path file) {
    return new CacheException(
        CacheException.Problem.NO_KEY,
        "The cache file "
            + file
            + " is encrypted and its key is not in this computer's keyring: re-sync into a new"
            + " cache (move this one aside; the file is kept, and the server still has its"
            + " events).",
        null);
  }

  /** The key in the keyring does not open the file (another key was stored since). */
  static CacheException wrongKey(Path file, SQLException e) {
    return new CacheException(
        CacheException.Problem.NO_KEY,
        "The cache file "
            + file
            + " is encrypted with another key than the one in this computer's keyring: re-sync"
            + " into a new cache (move this one aside; the file is kept).",
        e);
  }

  /** Encryption asked for where no keyring can keep the key. */
  static CacheException noKeyring() {
    return new CacheException(
        CacheException.Problem.NO_KEY,
        "No OS keyring is available on this computer (or it is turned off with"
            + " -Dauditdesk.keyring=off), so the cache cannot be encrypted: its key would have"
            + " nowhere safe to live. The cache stays as it is.",
        null);
  }
}
