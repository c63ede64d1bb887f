package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.auditdesk.format.AuditEventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * Checks an exported file against its manifest (size, SHA-256 and number of events) and the
 * manifest against its signature.
 */
public final class Verifier {

  /** What verification found; {@code differences} is empty when the file matches. */
  public record Result(
      Path file, ExportManifest manifest, List<String> differences, Optional<String> signer) {
    public boolean ok() {
      return differences.isEmpty();
    }

    /** One plain sentence per finding, or a confirmation. */
    public String message() {
      if (ok()) {
        return file.getFileName()
            + " matches its manifest: "
            + manifest.rows()
            + " events, "
            + manifest.bytes()
            + " bytes, SHA-256 "
            + manifest.sha256()
            + "; the manifest is signed by the key "
            + signer.orElse("")
            + ".";
      }
      return String.join(System.lineSeparator(), differences);
    }
  }

  private Verifier() {}

  /**
   * Verifies {@code file} against {@code <file>.manifest.json}. Throws {@link IOException} (with a
   * plain message) when the file or its manifest cannot be read at all.
   */
  public static Result verify(Path file) throws IOException {
    return verify(file, Optional.empty());
  }

  /**
   * Verifies {@code file} against its manifest, and the manifest against its signature and, when
   * given, the {@code pinned} key the recipient expects.
   */
  public static Result verify(Path file, Optional<PublicKey> pinned) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "there is no such file");
    }
    ExportManifest m = ExportManifest.read(ExportManifest.pathFor(file));
    String name = file.getFileName().toString();
    List<String> diffs = new ArrayList<>();
    String sha = sha256(file);
    if (!sha.equalsIgnoreCase(m.sha256())) {
      diffs.add(
          "The SHA-256 of "
              + name
              + " is "
              + sha
              + ", but the manifest says "
              + m.sha256()
              + ": the file was changed after it was exported.");
    }
    long bytes = Files.size(file);
    if (bytes != m.bytes()) {
      diffs.add(name + " has " + bytes + " bytes, but the manifest says " + m.bytes() + " bytes.");
    }
    try {
      long rows = countRows(file, m.format());
      if (rows != m.rows()) {
        diffs.add(name + " holds " + rows + " events, but the manifest says " + m.rows() + ".");
      }
    } catch (IOException | RuntimeException e) {
      diffs.add(
          name
              + " can no longer be read as "
              + m.format().extension().toUpperCase()
              + " ("
              + e.getMessage()
              + "), so its events cannot be counted.");
    }
    ManifestSignature.Check signature =
        ManifestSignature.verify(ExportManifest.pathFor(file), pinned);
    diffs.addAll(signature.problems());
    return new Result(file, m, List.copyOf(diffs), signature.fingerprint());
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static long countRows(Path file, ExportFormat format) throws IOException {
    return switch (format) {
      case CSV -> {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180).get()) {
          long n = 0;
          for (var ignored : p) {
            n++;
          }
          yield Math.max(0, n - 1);
        }
      }
      case NDJSON -> {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          yield r.lines().filter(l -> !l.isBlank()).count();
        }
      }
      case JSON -> {
        try (JsonParser p = AuditEventJson.mapper().getFactory().createParser(file.toFile())) {
          if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new IOException("it is not a JSON array");
          }
          long n = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            p.skipChildren();
            n++;
          }
          yield n;
        }
      }
      case HTML -> {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          yield r.lines().filter(l -> l.startsWith(HtmlReportWriter.ROW_START)).count();
        }
      }
    };
  }
}
