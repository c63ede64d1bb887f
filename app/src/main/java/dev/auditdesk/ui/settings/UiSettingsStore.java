package dev.auditdesk.ui.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.auditdesk.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiSettings} as {@code window.json} in the config folder. A missing or
 * unreadable file gives the defaults (the window must open whatever is on disk); writes go through
 * a temporary file so a crash never leaves half a file.
 */
public final class UiSettingsStore {

  private static final Logger LOG = LoggerFactory.getLogger(UiSettingsStore.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private UiSettings current;

  public UiSettingsStore(Path configDir) {
    this.file = configDir.resolve("window.json");
    this.current = read(file);
  }

  public Path file() {
    return file;
  }

  public synchronized UiSettings get() {
    return current;
  }

  /** Replaces the settings and writes them at once (the file is a few hundred bytes). */
  public synchronized void save(UiSettings s) {
    if (s.equals(current) && Files.exists(file)) {
      return;
    }
    current = s;
    try {
      PrivateFiles.writeAtomically(file, JSON.writeValueAsBytes(s));
    } catch (IOException e) {
      LOG.warn("Could not save the window layout to {}: {}", file, e.getMessage());
    }
  }

  private static UiSettings read(Path file) {
    if (!Files.isRegularFile(file)) {
      return UiSettings.DEFAULTS;
    }
    try {
      UiSettings s = JSON.readValue(file.toFile(), UiSettings.class);
      return s == null ? UiSettings.DEFAULTS : s;
    } catch (IOException e) {
      LOG.warn("Ignoring unreadable window layout {}: {}", file, e.getMessage());
      return UiSettings.DEFAULTS;
    }
  }
}
