package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.ServerQuery;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.ConnectionQuery;
import dev.auditdesk.model.ConnectionSort;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What an export file holds and how to prove it is complete and unaltered; written beside the file
 * as {@code <file>.manifest.json}. Times the manifest does not know (no rows, a cache never synced)
 * are {@link Instant#EPOCH} here and {@code null} in the JSON. {@code connectionQuery} is null in
 * the manifest of an audit-log export.
 */
public record ExportManifest(
    String file,
    ExportFormat format,
    String sha256,
    long bytes,
    long rows,
    Deployment deployment,
    AuditQuery query,
    String coderQuery,
    SortOrder sort,
    Instant oldest,
    Instant newest,
    Instant created,
    String auditdeskVersion,
    Instant cacheLastSync,
    long cacheEvents,
    ExportCoverage coverage,
    ConnectionQuery connectionQuery) {

  public ExportManifest {
    coverage = coverage == null ? ExportCoverage.UNKNOWN : coverage;
  }

  /** Whether the file holds connection-log rows (else audit events). */
  public boolean ofConnections() {
    return connectionQuery != null;
  }

  static final int VERSION = 1;
  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  /** Where the manifest of {@code file} lives. */
  public static Path pathFor(Path file) {
    return file.resolveSibling(file.getFileName() + ".manifest.json");
  }

  public ObjectNode toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("manifest_version", VERSION);
    n.put("file", file);
    n.put("format", format.extension());
    n.put("sha256", sha256);
    n.put("bytes", bytes);
    n.put("rows", rows);
    ObjectNode d = n.putObject("deployment");
    d.put("url", deployment.url().toString());
    d.put("deployment_id", deployment.deploymentId());
    ObjectNode f = n.putObject("filter");
    if (ofConnections()) {
      n.put("log", "connections");
      f.set("connection_query", ConnectionQueryJson.toJson(connectionQuery));
      f.put("coder_q", coderQuery);
      f.put("coder_q_exact", ConnectionQueryJson.exact(connectionQuery));
      n.set("sort", ConnectionQueryJson.toJson(ConnectionSort.NEWEST_FIRST));
    } else {
      f.set("query", QueryJson.toJson(query));
      f.put("coder_q", coderQuery);
      // What a Coder server itself accepts: no OR, so one q per combination, no free text.
      ServerQuery server = ServerQuery.of(query);
      server.queries().forEach(f.putArray("coder_server_q")::add);
      f.put("coder_server_q_exact", server.exact());
      n.set("sort", QueryJson.toJson(sort));
    }
    ObjectNode span = n.putObject("time_span");
    time(span, "oldest", oldest);
    time(span, "newest", newest);
    time(n, "created", created);
    n.put("auditdesk_version", auditdeskVersion);
    ObjectNode c = n.putObject("cache");
    time(c, "last_sync", cacheLastSync);
    c.put(ofConnections() ? "connections" : "events", cacheEvents);
    coverage.write(n.putObject("completeness"));
    return n;
  }

  /** Writes the manifest, signed with this installation's key, and its signature beside it. */
  public void write(Path path) throws IOException {
    ManifestSignature.Signed s = ManifestSignature.sign(toJson(), InstallationKey.installation());
    AtomicFiles.write(path, s.manifest());
    AtomicFiles.write(ManifestSignature.pathFor(path), s.signature());
  }

  /**
   * Writes the signed manifest to {@code path} and its signature to {@code signaturePath} as they
   * are, for a caller that moves both in place itself. The one place exports are signed.
   */
  void writeSigned(Path path, Path signaturePath, InstallationKey key) throws IOException {
    ManifestSignature.Signed s = ManifestSignature.sign(toJson(), key);
    Files.write(path, s.manifest());
    Files.write(signaturePath, s.signature());
  }

  /** Reads a manifest; the exception message says in plain words what is wrong with it. */
  public static ExportManifest read(Path path) throws IOException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("There is no manifest " + path + " beside the file.");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException("The manifest " + path + " is not valid JSON.");
    }
    try {
      if (n == null || !n.isObject() || !n.hasNonNull("sha256")) {
        throw new IllegalArgumentException("it has no sha256");
      }
      JsonNode d = n.path("deployment");
      boolean connections = n.path("log").asText("audit").equals("connections");
      return new ExportManifest(
          n.path("file").asText(""),
          ExportFormat.parse(n.path("format").asText("")),
          n.path("sha256").asText(),
          n.path("bytes").asLong(-1),
          n.path("rows").asLong(-1),
          new Deployment(
              URI.create(d.path("url").asText("unknown://unknown")),
              d.path("deployment_id").asText("")),
          connections ? AuditQuery.ALL : QueryJson.query(n.path("filter").path("query")),
          n.path("filter").path("coder_q").asText(""),
          connections ? SortOrder.NEWEST_FIRST : QueryJson.sort(n.get("sort")),
          time(n.path("time_span"), "oldest"),
          time(n.path("time_span"), "newest"),
          time(n, "created"),
          n.path("auditdesk_version").asText(""),
          time(n.path("cache"), "last_sync"),
          n.path("cache").path(connections ? "connections" : "events").asLong(0),
          ExportCoverage.read(n.get("completeness")),
          connections
              ? ConnectionQueryJson.query(n.path("filter").path("connection_query"))
              : null);
    } catch (IllegalArgumentException e) {
      throw new IOException("The manifest " + path + " is not usable: " + e.getMessage() + ".");
    }
  }

  private static void time(ObjectNode n, String key, Instant t) {
    if (t == null || t.equals(Instant.EPOCH)) {
      n.putNull(key);
    } else {
      n.put(key, t.toString());
    }
  }

  private static Instant time(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("its \"" + key + "\" time is unreadable");
    }
  }
}
