package dev.auditdesk.ui.evidence;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.archive.ArchiveVerification.NotedLink;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last link of each team archive's chain that a whole verification on this computer ended with,
 * kept here, outside the archive ({@code archive-links.properties} of the config directory,
 * owner-only): whoever can rewrite the archive's database can rewrite its whole chain, but not this
 * file, so the next Help ▸ Verify this archive checks the chain against it without the auditor
 * copying anything. Keyed by the archive's address without its password.
 */
public final class NotedLinks {

  private static final Logger LOG = LoggerFactory.getLogger(NotedLinks.class);

  /** A link as this computer noted it, and when. */
  public record Noted(NotedLink link, Instant at) {}

  private final Path file;

  public NotedLinks(Path configDir) {
    this.file = configDir.resolve("archive-links.properties");
  }

  /** Where the links are kept. */
  public Path file() {
    return file;
  }

  /** The link noted for {@code archive}, if any; an unreadable entry is logged and ignored. */
  public synchronized Optional<Noted> get(String archive) {
    String v = read().getProperty(archive);
    if (v == null) {
      return Optional.empty();
    }
    String[] p = v.split(" ", 2);
    try {
      if (p.length == 2) {
        return Optional.of(new Noted(NotedLink.parse(p[0]), Instant.parse(p[1])));
      }
    } catch (IllegalArgumentException | DateTimeParseException unreadable) {
      // said below
    }
    LOG.warn("Ignoring the unreadable link noted for {} in {}", archive, file);
    return Optional.empty();
  }

  /** Notes {@code link} for {@code archive}, replacing the one before. */
  public synchronized void put(String archive, NotedLink link, Instant at) {
    Properties all = read();
    all.setProperty(archive, link.text() + " " + at);
    StringWriter out = new StringWriter();
    try {
      all.store(
          out, "AuditDesk: the last link of each team archive's chain, noted on this computer");
      PrivateFiles.writeAtomically(file, out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("Could not note the archive's last link in {}: {}", file, e.toString());
    }
  }

  private Properties read() {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try {
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("Could not read {}: {}", file, e.toString());
      }
    }
    return p;
  }
}
