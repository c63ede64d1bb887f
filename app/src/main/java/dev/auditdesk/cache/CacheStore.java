package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where caches live: one folder per deployment under a caches root (normally {@code
 * AppDirs.caches()}), named after the deployment's host and port, holding the H2 file {@code
 * cache.mv.db} and a small {@code cache.properties} summary that {@link #list} reads without
 * opening the database (fast, and it works while another AuditDesk holds the file).
 */
public final class CacheStore {

  private static final Logger LOG = LoggerFactory.getLogger(CacheStore.class);

  private static final String MOVED_MARK = ".moved-";
  private static final Map<Path, Object> OPEN = new ConcurrentHashMap<>();

  private CacheStore() {}

  /** Marks a folder as being opened in this app before its cache exists. */
  private static final Object PLACEHOLDER = new Object();

  /** How a cache is opened. */
  public enum OpenMode {
    /** Normal use: sync writes to it. Fails with LOCKED while another AuditDesk has it open. */
    READ_WRITE,
    /**
     * Looking only. Works while another AuditDesk holds the file: it then opens a snapshot copy
     * taken at that moment (deleted again on close).
     */
    READ_ONLY
  }

  /** One cached deployment as {@link #list} finds it; {@code problem} is empty when it is fine. */
  public record CachedDeployment(
      Deployment deployment,
      Path folder,
      CacheStats stats,
      String serverVersion,
      Optional<String> problem,
      boolean encrypted) {}

  /**
   * Opens (READ_WRITE: creating when needed) the cache of a deployment; an encrypted one with its
   * key from the OS keyring.
   */
  public static H2AuditCache open(Path cachesRoot, Deployment d, OpenMode mode)
      throws CacheException {
    return open(cachesRoot, d, mode, CacheKeys.keyring());
  }

  /** Opens the cache of a deployment, taking the key of an encrypted one from {@code keys}. */
  public static H2AuditCache open(Path cachesRoot, Deployment d, OpenMode mode, CacheKeys keys)
      throws CacheException {
    return open(cachesRoot, d, mode, keys, null);
  }

  /** {@code newKey}: the key a cache created by this call is encrypted with (null: plain). */
  private static H2AuditCache open(
      Path cachesRoot, Deployment d, OpenMode mode, CacheKeys keys, CacheKey newKey)
      throws CacheException {
    Path folder = folderFor(cachesRoot, d);
    boolean readOnly = mode == OpenMode.READ_ONLY;
    Path dbBase = folder.resolve(H2AuditCache.DB_NAME);
    if (readOnly && !Files.exists(Path.of(dbBase + ".mv.db"))) {
      throw new CacheException(
          CacheException.Problem.IO,
          "There is no cache for " + d.label() + " in " + folder + " yet. Sync it first.",
          null);
    }
    Path dbFile = Path.of(dbBase + ".mv.db");
    CacheKey cacheKey = newKey;
    if (CacheEncryption.isEncrypted(dbFile)) {
      // Nothing is touched without the key: the file stays for a keyring restored later.
      cacheKey = keys.load(d).orElseThrow(() -> CacheErrors.keyMissing(dbFile));
    } else if (Files.exists(dbFile)) {
      cacheKey = null;
    }
    Path key = CacheFiles.canonical(folder);
    if (!readOnly) {
      try {
        PrivateFiles.createDirectories(folder);
        // A cache written by an older version (or under a loose umask) is tightened on open.
        PrivateFiles.tightenTree(folder);
        CacheEncryption.clearLeftovers(dbFile);
        if (!Files.exists(folder.resolve(CacheSummary.FILE))) {
          CacheSummary.write(folder, d, null, "", cacheKey != null);
        }
      } catch (IOException e) {
        throw new CacheException(
            CacheException.Problem.IO,
            "Could not create the cache folder " + folder + ": " + e.getMessage(),
            e);
      }
      key = CacheFiles.canonical(folder);
      if (OPEN.putIfAbsent(key, PLACEHOLDER) != null) {
        throw new CacheException(
            CacheException.Problem.LOCKED,
            "The cache file "
                + dbBase
                + ".mv.db is already open in this AuditDesk. Use that window, or open the cache"
                + " read-only.",
            null);
      }
      Path registered = key;
      try {
        H2AuditCache cache =
            new H2AuditCache(
                folder, d, false, dbBase, null, cacheKey, () -> OPEN.remove(registered));
        // H2 creates its files with the umask; the folder is owner-only, the files are made so too.
        PrivateFiles.tightenTree(folder);
        OPEN.put(registered, cache);
        return cache;
      } catch (CacheException | RuntimeException e) {
        OPEN.remove(registered);
        throw e;
      }
    }
    Object inThisApp = OPEN.get(key);
    if (inThisApp == null) {
      try {
        return new H2AuditCache(folder, d, true, dbBase, null, cacheKey, () -> {});
      } catch (CacheException e) {
        if (e.problem() != CacheException.Problem.LOCKED) {
          throw e;
        }
      }
    }
    if (inThisApp instanceof H2AuditCache open) {
      open.checkpoint();
    }
    return openSnapshot(folder, d, dbBase, cacheKey);
  }

  private static H2AuditCache openSnapshot(
      Path folder, Deployment d, Path dbBase, CacheKey cacheKey) throws CacheException {
    Path tmp;
    try {
      // createTempDirectory makes an owner-only (0700) folder on POSIX; the copy is tightened too.
      tmp = Files.createTempDirectory("auditdesk-snapshot-");
      PrivateFiles.tighten(tmp);
      Path copy = tmp.resolve(H2AuditCache.DB_NAME + ".mv.db");
      PrivateFiles.createFile(copy);
      Files.copy(Path.of(dbBase + ".mv.db"), copy, StandardCopyOption.REPLACE_EXISTING);
      PrivateFiles.tighten(copy);
    } catch (IOException e) {
      throw new CacheException(
          CacheException.Problem.LOCKED,
          "The cache file "
              + dbBase
              + ".mv.db is in use by another AuditDesk and could not be copied to look at it"
              + " ("
              + e.getMessage()
              + "). Close the other AuditDesk and try again.",
          e);
    }
    LOG.info("Cache {} is in use elsewhere; opened a read-only snapshot in {}", dbBase, tmp);
    return new H2AuditCache(
        folder, d, true, tmp.resolve(H2AuditCache.DB_NAME), tmp, cacheKey, () -> {});
  }

  /**
   * Puts a cache's folder aside (renamed to {@code NAME.moved-TIMESTAMP}, nothing deleted) so the
   * next open starts an empty cache. Returns where it went, or empty when there was no cache.
   */
  public static Optional<Path> moveAside(Path cachesRoot, Deployment d) throws CacheException {
    Path folder = folderFor(cachesRoot, d);
    if (!Files.exists(folder)) {
      return Optional.empty();
    }
    Path db = folder.resolve(H2AuditCache.DB_NAME + ".mv.db");
    if (OPEN.containsKey(CacheFiles.canonical(folder)) || CacheFiles.lockedElsewhere(db)) {
      throw new CacheException(
          CacheException.Problem.LOCKED,
          "The cache file "
              + db
              + " is in use, so it cannot be moved aside. Close every AuditDesk window that shows"
              + " "
              + d.label()
              + " and try again.",
          null);
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path target = folder.resolveSibling(folder.getFileName() + MOVED_MARK + stamp);
    for (int i = 2; Files.exists(target); i++) {
      target = folder.resolveSibling(folder.getFileName() + MOVED_MARK + stamp + "-" + i);
    }
    try {
      Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CacheException(
          CacheException.Problem.IO,
          "Could not move the cache folder " + folder + " aside: " + e.getMessage(),
          e);
    }
    LOG.info("Moved cache {} aside to {}", folder, target);
    return Optional.of(target);
  }

  /**
   * Starts a deployment's cache afresh: the old folder is moved aside (kept, see {@link
   * #moveAside}) and an empty cache opened; a full sync then refills it from the server.
   */
  public static H2AuditCache rebuild(Path cachesRoot, Deployment d) throws CacheException {
    return rebuild(cachesRoot, d, CacheKeys.keyring());
  }

  /** {@link #rebuild(Path, Deployment)} with the keys of encrypted caches in {@code keys}. */
  public static H2AuditCache rebuild(Path cachesRoot, Deployment d, CacheKeys keys)
      throws CacheException {
    Path db = folderFor(cachesRoot, d).resolve(H2AuditCache.DB_NAME + ".mv.db");
    // The new cache is encrypted like the old one (kept key or a new one) while a keyring answers.
    CacheKey newKey =
        CacheEncryption.isEncrypted(db) && keys.available()
            ? CacheEncryption.keyFor(d, keys)
            : null;
    moveAside(cachesRoot, d);
    return open(cachesRoot, d, OpenMode.READ_WRITE, keys, newKey);
  }

  /**
   * Encrypts a deployment's cache (AES, H2 {@code CIPHER}) with a key kept in {@code keys}; a cache
   * not created yet is created encrypted. Returns the event count. The cache must not be open.
   */
  public static long encrypt(Path cachesRoot, Deployment d, CacheKeys keys) throws CacheException {
    Path folder = folderFor(cachesRoot, d);
    Path db = folder.resolve(H2AuditCache.DB_NAME + ".mv.db");
    CacheKey key = CacheEncryption.keyFor(d, keys);
    if (!Files.exists(db) || CacheEncryption.isEncrypted(db)) {
      try (H2AuditCache cache = open(cachesRoot, d, OpenMode.READ_WRITE, keys, key)) {
        return cache.total();
      }
    }
    // Opening first finishes an interrupted upgrade and tightens the folder, as any open does.
    open(cachesRoot, d, OpenMode.READ_WRITE, keys).close();
    requireClosed(folder, db, d);
    CacheEncryption.convert(db, null, key);
    CacheSummary.markEncrypted(folder, true);
    PrivateFiles.tightenTree(folder);
    // Read-write, so that closing saves the column index again without the names it held.
    try (H2AuditCache cache = open(cachesRoot, d, OpenMode.READ_WRITE, keys)) {
      return cache.total();
    }
  }

  /**
   * Turns a deployment's encrypted cache back into a plain file (its key must be in {@code keys}).
   * Returns the event count. The cache must not be open.
   */
  public static long decrypt(Path cachesRoot, Deployment d, CacheKeys keys) throws CacheException {
    Path folder = folderFor(cachesRoot, d);
    Path db = folder.resolve(H2AuditCache.DB_NAME + ".mv.db");
    if (CacheEncryption.isEncrypted(db)) {
      open(cachesRoot, d, OpenMode.READ_WRITE, keys).close();
      requireClosed(folder, db, d);
      CacheKey key = keys.load(d).orElseThrow(() -> CacheErrors.keyMissing(db));
      CacheEncryption.convert(db, key, null);
      CacheSummary.markEncrypted(folder, false);
      PrivateFiles.tightenTree(folder);
    }
    if (!Files.exists(db)) {
      return 0;
    }
    try (H2AuditCache cache = open(cachesRoot, d, OpenMode.READ_ONLY, keys)) {
      return cache.total();
    }
  }

  /** True when a deployment's cache file is encrypted (read from the file, not the summary). */
  public static boolean isEncrypted(Path cachesRoot, Deployment d) {
    return CacheEncryption.isEncrypted(
        folderFor(cachesRoot, d).resolve(H2AuditCache.DB_NAME + ".mv.db"));
  }

  private static void requireClosed(Path folder, Path db, Deployment d) throws CacheException {
    if (OPEN.containsKey(CacheFiles.canonical(folder)) || CacheFiles.lockedElsewhere(db)) {
      throw new CacheException(
          CacheException.Problem.LOCKED,
          "The cache file "
              + db
              + " is in use, so its encryption cannot be changed. Close every AuditDesk window"
              + " that shows "
              + d.label()
              + " and try again.",
          null);
    }
  }

  /** Every cached deployment under the root with its stats, read from the summary files. */
  public static List<CachedDeployment> list(Path cachesRoot) {
    List<CachedDeployment> out = new ArrayList<>();
    if (!Files.isDirectory(cachesRoot)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cachesRoot, Files::isDirectory)) {
      for (Path folder : dirs) {
        if (!folder.getFileName().toString().contains(MOVED_MARK)) {
          CacheSummary.describe(folder).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not list caches in {}", cachesRoot, e);
    }
    out.sort(
        Comparator.comparing(
            (CachedDeployment c) -> c.stats().lastSync(), Comparator.reverseOrder()));
    return out;
  }

  /**
   * The folder of a deployment: {@code host} or {@code host_port} (plus its path, if any), {@code
   * import-NAME} for imported files; {@code -2}, {@code -3}... when that name already holds another
   * deployment (a different URL, or the same URL now answered by another deployment id).
   */
  public static Path folderFor(Path cachesRoot, Deployment d) {
    String base = CacheFiles.baseName(d);
    for (int i = 1; ; i++) {
      Path folder = cachesRoot.resolve(i == 1 ? base : base + "-" + i);
      if (!Files.exists(folder)) {
        return folder;
      }
      Properties p = CacheSummary.read(folder);
      if (p == null) {
        return folder;
      }
      boolean sameUrl = d.url().toString().equals(p.getProperty("url", ""));
      String id = p.getProperty("deployment.id", "");
      boolean sameId = d.deploymentId().isEmpty() || id.isEmpty() || id.equals(d.deploymentId());
      if (sameUrl && sameId) {
        return folder;
      }
    }
  }
}
