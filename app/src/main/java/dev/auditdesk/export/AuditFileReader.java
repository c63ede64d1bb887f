package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.coder.AuditEventJson;
import dev.auditdesk.coder.AuditEventJson.MalformedEventException;
import dev.auditdesk.model.AuditEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Coder audit events from files people have: NDJSON or JSON arrays (AuditDesk exports, or
 * anyone's), the API's {@code {"audit_logs": [...]}} response saved to disk (pretty or one per
 * line), and server log lines whose event sits under {@code message.fields.audit_log}. The kind is
 * recognised from the content, not the file name. A line that is not a usable event is reported
 * with its line number and skipped; everything else is read.
 */
public final class AuditFileReader {

  /** A skipped line (or array element, by the line it starts on) and why. */
  public record BadLine(Path file, long line, String reason) {
    @Override
    public String toString() {
      return file.getFileName() + " line " + line + ": " + reason;
    }
  }

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();
  private static final JsonFactory JSON = MAPPER.getFactory();
  private static final List<String> LOG_TIME_KEYS =
      List.of("ts", "time", "timestamp", "@timestamp");

  private final Path file;
  private final Consumer<AuditEvent> events;
  private final Consumer<BadLine> bad;

  private AuditFileReader(Path file, Consumer<AuditEvent> events, Consumer<BadLine> bad) {
    this.file = file;
    this.events = events;
    this.bad = bad;
  }

  /** Streams the events of {@code file} to {@code events} and the skipped lines to {@code bad}. */
  public static void read(Path file, Consumer<AuditEvent> events, Consumer<BadLine> bad)
      throws IOException {
    new AuditFileReader(file, events, bad).read();
  }

  private void read() throws IOException {
    try (PushbackReader in =
        new PushbackReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1)) {
      int c = firstContentChar(in);
      if (c < 0) {
        return;
      }
      in.unread(c);
      if (c == '[') {
        readDocument(in);
      } else {
        readLines(new BufferedReader(in, 1 << 16));
      }
    }
  }

  /** Skips a byte-order mark and leading blank space; returns the first other char or -1. */
  private static int firstContentChar(Reader in) throws IOException {
    int c;
    do {
      c = in.read();
    } while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c)));
    return c;
  }

  /**
   * One JSON value per line, except that a first line that is not complete JSON means the file is
   * one pretty-printed document (a saved API response).
   */
  private void readLines(BufferedReader in) throws IOException {
    in.mark(1 << 20);
    String first = in.readLine();
    if (first != null && !isCompleteJson(first)) {
      in.reset();
      readDocument(in);
      return;
    }
    long lineNo = 0;
    for (String line = first; line != null; line = in.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        bad.accept(new BadLine(file, lineNo, "not valid JSON (" + e.getOriginalMessage() + ")"));
        continue;
      }
      element(node, lineNo);
    }
  }

  private static boolean isCompleteJson(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() == null) {
        return true;
      }
      p.skipChildren();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A whole-file JSON document: an array of events or a saved API response. */
  private void readDocument(Reader in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      try {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          readArray(p);
        } else if (t == JsonToken.START_OBJECT) {
          readObject(p);
        } else {
          bad.accept(new BadLine(file, 1, "not a JSON object or array"));
        }
      } catch (JsonProcessingException e) {
        bad.accept(
            new BadLine(
                file,
                e.getLocation() == null
                    ? p.currentLocation().getLineNr()
                    : e.getLocation().getLineNr(),
                "not valid JSON ("
                    + e.getOriginalMessage()
                    + "); the rest of the file cannot be read"));
      }
    }
  }

  private void readArray(JsonParser p) throws IOException {
    for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
      long line = p.currentTokenLocation().getLineNr();
      element(p.readValueAsTree(), line);
    }
  }

  /** An object: {@code {"audit_logs": [...], "count": N}}, or a single event or log line. */
  private void readObject(JsonParser p) throws IOException {
    long line = p.currentTokenLocation().getLineNr();
    ObjectNode rest = MAPPER.createObjectNode();
    boolean sawEvents = false;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("audit_logs") && v == JsonToken.START_ARRAY) {
        sawEvents = true;
        readArray(p);
      } else {
        rest.set(name, p.readValueAsTree());
      }
    }
    if (!sawEvents) {
      element(rest, line);
    }
  }

  private void element(JsonNode node, long line) {
    if (node != null && node.isObject() && node.path("audit_logs").isArray()) {
      for (JsonNode e : node.get("audit_logs")) {
        element(e, line);
      }
      return;
    }
    try {
      events.accept(AuditEventJson.fromNode(eventIn(node)));
    } catch (MalformedEventException e) {
      bad.accept(new BadLine(file, line, "not a usable audit event: it " + e.getMessage()));
    }
  }

  /**
   * The audit event inside a server log line ({@code message.fields.audit_log}; {@code message} may
   * itself be JSON text), or the node itself. An event without its own time takes the log line's.
   */
  private static JsonNode eventIn(JsonNode node) {
    if (node == null || !node.isObject()) {
      return node;
    }
    JsonNode message = node.get("message");
    if (message != null && message.isTextual() && message.asText().startsWith("{")) {
      try {
        message = MAPPER.readTree(message.asText());
      } catch (JsonProcessingException ignored) {
        message = null;
      }
    }
    JsonNode event = null;
    if (message != null && message.path("fields").path("audit_log").isObject()) {
      event = message.get("fields").get("audit_log");
    } else if (node.path("fields").path("audit_log").isObject()) {
      event = node.get("fields").get("audit_log");
    }
    if (event == null) {
      return node;
    }
    if (!event.hasNonNull("time")) {
      for (String key : LOG_TIME_KEYS) {
        JsonNode t = node.get(key);
        if (t != null && t.isTextual()) {
          ObjectNode copy = ((ObjectNode) event).deepCopy();
          copy.put("time", t.asText());
          return copy;
        }
      }
    }
    return event;
  }
}
