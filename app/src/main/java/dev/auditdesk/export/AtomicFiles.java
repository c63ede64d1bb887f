package dev.auditdesk.export;

import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that appear complete or not at all: written beside their final name, then moved. */
final class AtomicFiles {

  private AtomicFiles() {}

  /** A temporary file in the same directory as {@code target}, so the final move is atomic. */
  static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      PrivateFiles.createDirectories(dir);
    }
    // createTempFile is owner-only (0600) on POSIX; the final move keeps that.
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
    PrivateFiles.tighten(temp);
    return temp;
  }

  static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void write(Path target, byte[] bytes) throws IOException {
    PrivateFiles.writeAtomically(target, bytes);
  }
}
