package dev.auditdesk.cache;

import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** The file-system chores of the cache store: folder names, lock probes, canonical paths. */
final class CacheFiles {

  private CacheFiles() {}

  static String baseName(Deployment d) {
    URI u = d.url();
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String name;
    if (!scheme.equals("http") && !scheme.equals("https")) {
      String rest = u.toString().substring(scheme.length()).replaceFirst("^:/*", "");
      name = scheme + "-" + rest;
    } else {
      name = u.getHost() == null ? "deployment" : u.getHost();
      if (u.getPort() >= 0) {
        name += "_" + u.getPort();
      }
      if (u.getPath() != null && !u.getPath().isEmpty()) {
        name += u.getPath();
      }
    }
    String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    safe = safe.replaceAll("^[._]+", "");
    if (safe.isEmpty()) {
      safe = "deployment";
    }
    return safe.length() > 80 ? safe.substring(0, 80) : safe;
  }

  static boolean lockedElsewhere(Path db) {
    if (!Files.exists(db)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(db, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Path canonical(Path p) {
    try {
      return Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // A temporary copy; the OS cleans its temp folder eventually.
                }
              });
    } catch (IOException ignored) {
      // Same: best effort on a temporary copy.
    }
  }
}
