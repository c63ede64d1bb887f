package dev.auditdesk.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and loads {@code libgtk-3.so.0} before JavaFX does: JavaFX 21 draws with GTK 3 only, while
 * Debian's JDK brings GTK 2, so a fresh machine may lack it.
 */
final class GtkCheck {

  static final String LIBRARY = "libgtk-3.so.0";

  /**
   * Folders to look in instead of the system's ({@code File.pathSeparator}-separated): for a GTK 3
   * the dynamic linker finds elsewhere, and for tests.
   */
  static final String SEARCH_PATH_PROPERTY = "auditdesk.gtkSearchPath";

  private final List<Path> dirs;

  GtkCheck(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  static GtkCheck forThisComputer(Map<String, String> env) {
    String override = System.getProperty(SEARCH_PATH_PROPERTY);
    if (override != null) {
      return new GtkCheck(paths(override));
    }
    Set<Path> dirs = new LinkedHashSet<>(paths(env.getOrDefault("LD_LIBRARY_PATH", "")));
    readLdSoConf(Path.of("/etc/ld.so.conf"), dirs, 0);
    String triplet = System.getProperty("os.arch", "").equals("aarch64") ? "aarch64" : "x86_64";
    for (String lib :
        List.of(
            "/lib/" + triplet + "-linux-gnu",
            "/usr/lib/" + triplet + "-linux-gnu",
            "/lib64",
            "/usr/lib64",
            "/lib",
            "/usr/lib",
            "/usr/local/lib")) {
      dirs.add(Path.of(lib));
    }
    return new GtkCheck(new ArrayList<>(dirs));
  }

  Optional<String> problem() {
    Optional<Path> lib = find();
    if (lib.isEmpty()) {
      return Optional.of(StartMessages.get("start.noGtk", StartMessages.helpCommand()));
    }
    String path = lib.get().toString();
    if (!isElf(lib.get())) {
      // Loading a file that is no library makes the JVM print a warning of its own.
      return Optional.of(
          StartMessages.get("start.gtkUnloadable", path, StartMessages.get("start.notALibrary")));
    }
    try {
      System.load(path);
      return Optional.empty();
    } catch (UnsatisfiedLinkError e) {
      String reason = String.valueOf(e.getMessage()).strip();
      while (reason.startsWith(path + ": ")) {
        reason = reason.substring(path.length() + 2);
      }
      return Optional.of(StartMessages.get("start.gtkUnloadable", path, reason));
    }
  }

  private static boolean isElf(Path file) {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, 4) == 4
          && head[0] == 0x7f
          && head[1] == 'E'
          && head[2] == 'L'
          && head[3] == 'F';
    } catch (IOException e) {
      return false;
    }
  }

  Optional<Path> find() {
    return dirs.stream().map(d -> d.resolve(LIBRARY)).filter(Files::isRegularFile).findFirst();
  }

  private static List<Path> paths(String list) {
    List<Path> out = new ArrayList<>();
    for (String p : list.split(File.pathSeparator)) {
      if (!p.isBlank()) {
        out.add(Path.of(p.strip()));
      }
    }
    return out;
  }

  /** The folders the dynamic linker is configured with, following {@code include} lines. */
  private static void readLdSoConf(Path file, Set<Path> dirs, int depth) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return;
    }
    for (String raw : lines) {
      String line = raw.replaceFirst("#.*", "").strip();
      if (line.startsWith("include ") && depth < 3) {
        Path pattern = file.resolveSibling(line.substring("include ".length()).strip());
        Path folder = pattern.getParent();
        if (folder == null) {
          continue;
        }
        try (DirectoryStream<Path> included =
            Files.newDirectoryStream(folder, pattern.getFileName().toString())) {
          included.forEach(p -> readLdSoConf(p, dirs, depth + 1));
        } catch (IOException e) {
          // A missing include folder is normal on minimal systems.
        }
      } else if (line.startsWith("/")) {
        dirs.add(Path.of(line));
      }
    }
  }
}
