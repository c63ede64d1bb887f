package dev.auditdesk.launch;

import dev.auditdesk.AppDirs;
import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the window in a child JVM with JavaFX's own module jars on the module path: JavaFX supports
 * only named modules and warns on every start from the class path. The jars ride inside
 * auditdesk.jar (app/pom.xml) and are copied once into the data folder.
 */
public final class JavaFxModules {

  /** Where app/pom.xml puts JavaFX's module jars inside auditdesk.jar. */
  static final String RESOURCE_DIR = "META-INF/auditdesk/javafx/";

  /** Set in the child, so a child that still lacks the modules never starts another one. */
  static final String CHILD_PROPERTY = "auditdesk.javafxChild";

  private JavaFxModules() {}

  /**
   * Runs the window in a child JVM and returns its exit code; empty when JavaFX is already a named
   * module here or the child cannot be started, and the window should open in this JVM.
   */
  public static OptionalInt startWindowOnModulePath(String[] args) {
    if (ModuleLayer.boot().findModule("javafx.graphics").isPresent()
        || Boolean.getBoolean(CHILD_PROPERTY)) {
      return OptionalInt.empty();
    }
    try {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      if (!Files.isExecutable(java)) {
        log().info("No {}: JavaFX starts from the class path", java);
        return OptionalInt.empty();
      }
      Path modules = copyModuleJars(codeSource(), AppDirs.data().resolve("javafx"));
      ProcessBuilder pb = new ProcessBuilder(command(java, modules, args)).inheritIO();
      // Its options are among this JVM's, which the child gets: not twice.
      pb.environment().remove("JDK_JAVA_OPTIONS");
      Process child = pb.start();
      Thread stopChild = new Thread(child::destroy, "auditdesk-stop-window");
      Runtime.getRuntime().addShutdownHook(stopChild);
      int exit = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stopChild);
      return OptionalInt.of(exit);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      log().warn("Could not start JavaFX on the module path; it starts from the class path", e);
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(1);
    }
  }

  static List<String> command(Path java, Path modules, String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger agent would clash with this JVM's on the same port.
      if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Djava.class.path=")) {
        cmd.add(option);
      }
    }
    cmd.add("--module-path");
    cmd.add(modules.toString());
    cmd.add("--add-modules");
    cmd.add("javafx.controls");
    cmd.add("-D" + CHILD_PROPERTY + "=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.auditdesk.Main");
    Collections.addAll(cmd, args);
    return cmd;
  }

  /**
   * Copies the module jars from {@code source} (auditdesk.jar, or the classes folder in a build)
   * into a folder of {@code root} named after their version, once; returns that folder.
   */
  static Path copyModuleJars(Path source, Path root) throws IOException {
    if (Files.isDirectory(source)) {
      Path dir = source.resolve(RESOURCE_DIR);
      if (!Files.isDirectory(dir)) {
        throw new IOException("No JavaFX module jars in " + source);
      }
      return dir;
    }
    try (ZipFile jar = new ZipFile(source.toFile())) {
      List<? extends ZipEntry> entries =
          jar.stream()
              .filter(e -> e.getName().startsWith(RESOURCE_DIR) && e.getName().endsWith(".jar"))
              .toList();
      String base =
          entries.stream()
              .map(e -> e.getName().substring(RESOURCE_DIR.length()))
              .filter(n -> n.startsWith("javafx-base-"))
              .findFirst()
              .orElseThrow(() -> new IOException("No JavaFX module jars in " + source));
      // javafx-base-21.0.11-linux.jar → 21.0.11-linux: a new version gets a new folder.
      Path dir =
          root.resolve(base.substring("javafx-base-".length(), base.length() - ".jar".length()));
      PrivateFiles.createDirectories(dir);
      for (ZipEntry e : entries) {
        Path target = dir.resolve(e.getName().substring(RESOURCE_DIR.length()));
        if (Files.isRegularFile(target) && Files.size(target) == e.getSize()) {
          continue;
        }
        // Two starts at once each write their own temporary file; the move is atomic.
        Path tmp = Files.createTempFile(dir, ".copy-", ".tmp");
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return dir;
    }
  }

  /** Only when there is something to say: the child writes the same log file. */
  private static Logger log() {
    return LoggerFactory.getLogger(JavaFxModules.class);
  }

  private static Path codeSource() throws URISyntaxException {
    return Path.of(JavaFxModules.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
