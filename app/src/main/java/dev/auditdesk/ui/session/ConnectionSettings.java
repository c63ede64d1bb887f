package dev.auditdesk.ui.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.auditdesk.PrivateFiles;
import dev.auditdesk.model.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-secret connection settings per deployment, in {@code connections.json} of the config folder:
 * today the company certificate (PEM) file each deployment needs. Never a password or token.
 * Blocking: call off the FX thread.
 */
public final class ConnectionSettings {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSettings.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final TypeReference<Map<String, Map<String, String>>> TYPE =
      new TypeReference<>() {};

  private final Path file;

  public ConnectionSettings(Path configDir) {
    this.file = configDir.resolve("connections.json");
  }

  /** Deployment URL to company certificate path, for every deployment that has one. */
  public synchronized Map<String, String> caBundles() {
    Map<String, String> out = new TreeMap<>();
    read()
        .forEach(
            (url, settings) -> {
              String pem = settings.getOrDefault("ca_bundle", "");
              if (!pem.isBlank()) {
                out.put(url, pem);
              }
            });
    return out;
  }

  /** Remembers (or, when blank, forgets) the company certificate a deployment was reached with. */
  public synchronized void rememberCaBundle(Deployment d, String pem) {
    Map<String, Map<String, String>> all = read();
    String key = d.url().toString();
    String before = all.getOrDefault(key, Map.of()).getOrDefault("ca_bundle", "");
    String now = pem == null ? "" : pem.trim();
    if (before.equals(now)) {
      return;
    }
    if (now.isEmpty()) {
      all.remove(key);
    } else {
      all.put(key, Map.of("ca_bundle", now));
    }
    try {
      PrivateFiles.writeAtomically(file, JSON.writeValueAsBytes(all));
    } catch (IOException e) {
      LOG.warn("Could not save the connection settings to {}: {}", file, e.getMessage());
    }
  }

  private Map<String, Map<String, String>> read() {
    if (!Files.isRegularFile(file)) {
      return new TreeMap<>();
    }
    try {
      Map<String, Map<String, String>> m = JSON.readValue(file.toFile(), TYPE);
      return m == null ? new TreeMap<>() : new TreeMap<>(m);
    } catch (IOException e) {
      LOG.warn("Ignoring unreadable connection settings {}: {}", file, e.getMessage());
      return new TreeMap<>();
    }
  }
}
