package dev.auditdesk;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files only their owner may read: every folder AuditDesk creates is {@code 0700} and every file
 * {@code 0600}, whatever the umask, because audit history and logs name people and addresses. On
 * Windows (no POSIX permissions) the ACL is replaced by one entry for the owner. Failures to
 * tighten are logged as warnings, not thrown: a file system without permissions (FAT, some network
 * shares) must not stop the app.
 */
public final class PrivateFiles {

  public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and any missing parents as owner-only folders; {@code dir} itself is
   * tightened when it already exists (it is one of ours). Existing parents are left alone: they may
   * be the user's own folders.
   */
  public static Path createDirectories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      tighten(abs);
      return dir;
    }
    Path parent = abs.getParent();
    if (parent != null && !Files.exists(parent)) {
      createDirectories(parent);
    }
    try {
      if (posix(abs)) {
        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
      } else {
        Files.createDirectory(abs);
      }
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(abs)) {
        throw raced;
      }
    }
    tighten(abs);
    return dir;
  }

  /** An empty owner-only file, created if missing (before anything is written to it). */
  public static void createFile(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      FileAttribute<?>[] attrs =
          posix(file.toAbsolutePath().getParent())
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
              : new FileAttribute<?>[0];
      try {
        Files.createFile(file, attrs);
      } catch (FileAlreadyExistsException raced) {
        // Someone else created it: tightened below all the same.
      }
    }
    tighten(file);
  }

  /**
   * Writes {@code bytes} as an owner-only file that appears complete or not at all: written to a
   * temporary file beside it, then moved over it.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      createDirectories(dir);
    }
    // createTempFile is owner-only (0600) on POSIX; the final move keeps that.
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    tighten(temp);
    try {
      Files.write(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Makes one existing file {@code 0600} or folder {@code 0700}; symbolic links are not followed. A
   * file system that cannot hold permissions is logged as a warning, not thrown.
   */
  public static void tighten(Path p) {
    try {
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
        return;
      }
      boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
      PosixFileAttributeView posix =
          Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (posix != null) {
        Set<PosixFilePermission> want = dir ? DIR : FILE;
        if (!posix.readAttributes().permissions().equals(want)) {
          posix.setPermissions(want);
        }
        return;
      }
      AclFileAttributeView acl =
          Files.getFileAttributeView(p, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (acl != null) {
        acl.setAcl(List.of(ownerOnly(acl.getOwner(), dir)));
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // A file system without permissions (FAT, some shares): say so, since the history in it may
      // now be readable by others, but keep working.
      // Looked up here, not in a static field: logging itself creates its folder through this
      // class.
      org.slf4j.LoggerFactory.getLogger(PrivateFiles.class)
          .warn(
              "Could not make {} readable by its owner only ({}); check the folder's permissions.",
              p,
              e.toString());
    }
  }

  /** Tightens a folder of ours and everything in it (an existing cache or log folder). */
  public static void tightenTree(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.forEach(PrivateFiles::tighten);
    } catch (IOException | RuntimeException e) {
      // A file vanished while walking (H2 renames its temp files): the next open tightens it.
    }
  }

  private static boolean posix(Path p) {
    Path probe = p;
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    return probe == null
        ? Files.getFileAttributeView(Path.of("."), PosixFileAttributeView.class) != null
        : Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
  }

  private static AclEntry ownerOnly(UserPrincipal owner, boolean dir) {
    AclEntry.Builder b =
        AclEntry.newBuilder()
            .setType(AclEntryType.ALLOW)
            .setPrincipal(owner)
            .setPermissions(EnumSet.allOf(AclEntryPermission.class));
    if (dir) {
      b.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
    }
    return b.build();
  }
}
