package dev.auditdesk.cli;

import dev.auditdesk.AppDirs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --cache} option every command that opens a cache shares, and its default. */
final class CacheFolder {

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "The folder holding the caches (default: the user's data folder).")
  Path dir;

  /** The folder asked for, or the user's data folder. */
  Path root() {
    return dir != null ? dir : AppDirs.caches();
  }
}
