package dev.auditdesk.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.ConnectionRow;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Coder audit events from files people have: NDJSON or JSON arrays (AuditDesk exports, or
 * anyone's), the API's {@code {"audit_logs": [...]}} response saved to disk (pretty, one per line,
 * or a whole compact {@code curl} on one line of any size), and server log lines whose event sits
 * under {@code message.fields.audit_log}. Rows of Coder's connection log (a {@code connect_time}, a
 * {@code workspace_id} and a {@code type}; AuditDesk's connection exports, or the API's {@code
 * {"connection_logs": [...]}}) go to their own consumer. The kind is recognised from the content,
 * not the file name. Everything streams: memory holds one event, whatever the size of the file or
 * of a line. A line that is not a usable event is reported with its line number and skipped; bytes
 * that are not valid text are read as U+FFFD and reported with their line and byte offset;
 * everything else is read.
 */
public final class AuditFileReader {

  /**
   * A problem at a line (or an array element, by the line it starts on): {@code skipped} when what
   * was there could not be read, false when it was read with bad bytes replaced.
   */
  public record BadLine(Path file, long line, String reason, boolean skipped) {
    public BadLine(Path file, long line, String reason) {
      this(file, line, reason, true);
    }

    @Override
    public String toString() {
      return file.getFileName() + " line " + line + ": " + reason;
    }
  }

  private static final ObjectMapper MAPPER = AuditEventJson.mapper();
  private static final JsonFactory JSON = MAPPER.getFactory();

  /** The lists an API response holds its entries in: the audit log's and the connection log's. */
  private static final List<String> LISTS = List.of("audit_logs", "connection_logs");

  private static final List<String> LOG_TIME_KEYS =
      List.of("ts", "time", "timestamp", "@timestamp");

  /** How a file is laid out: one JSON value per line, or one document over many lines. */
  private enum Layout {
    EMPTY,
    LINES,
    DOCUMENT
  }

  private final Path file;
  private final Consumer<AuditEvent> events;
  private final Consumer<ConnectionRow> connections;
  private final Consumer<BadLine> bad;

  /** The line being read in a file of one value per line; -1 in a document (the parser knows). */
  private long lineOfValue = -1;

  private AuditFileReader(
      Path file,
      Consumer<AuditEvent> events,
      Consumer<ConnectionRow> connections,
      Consumer<BadLine> bad) {
    this.file = file;
    this.events = events;
    this.connections = connections;
    this.bad = bad;
  }

  /**
   * Streams the events of {@code file} to {@code events} and the problems to {@code bad}; a
   * connection-log row is reported as a line that is not an audit event.
   */
  public static void read(Path file, Consumer<AuditEvent> events, Consumer<BadLine> bad)
      throws IOException {
    new AuditFileReader(file, events, null, bad).read();
  }

  /** Streams audit events to {@code events} and connection-log rows to {@code connections}. */
  public static void read(
      Path file,
      Consumer<AuditEvent> events,
      Consumer<ConnectionRow> connections,
      Consumer<BadLine> bad)
      throws IOException {
    new AuditFileReader(file, events, connections, bad).read();
  }

  private void read() throws IOException {
    Layout layout;
    try (LenientTextReader in = open((line, offset, first, places, cs) -> {})) {
      layout = layout(in);
    }
    if (layout == Layout.EMPTY) {
      return;
    }
    try (LenientTextReader in = open(this::badBytes)) {
      if (layout == Layout.DOCUMENT) {
        readDocument(in);
      } else {
        readLines(in);
      }
    }
  }

  private LenientTextReader open(LenientTextReader.BadBytes listener) throws IOException {
    return LenientTextReader.open(Files.newInputStream(file), listener);
  }

  private void badBytes(long line, long offset, String first, int places, Charset cs) {
    bad.accept(
        new BadLine(
            file,
            line,
            "bytes that are not valid "
                + cs.name()
                + " at byte offset "
                + offset
                + " ("
                + first
                + (places > 1 ? ", and " + (places - 1) + " more places on this line" : "")
                + ") were read as \uFFFD; the rest of the line was read",
            false));
  }

  /**
   * A file whose first value is an array, or whose first line is not complete JSON, is one document
   * (a saved API response, pretty-printed); otherwise a value per line. The first line is scanned
   * as a stream, so a one-line file of any size is never held whole.
   */
  private static Layout layout(LenientTextReader in) throws IOException {
    while (in.hasMore()) {
      try (JsonParser p = JSON.createParser(in.restOfLine())) {
        JsonToken t = p.nextToken();
        if (t == null) {
          continue; // a blank line
        }
        if (t == JsonToken.START_ARRAY) {
          return Layout.DOCUMENT;
        }
        p.skipChildren();
        return Layout.LINES;
      } catch (JsonEOFException incomplete) {
        return Layout.DOCUMENT;
      } catch (JsonProcessingException notJson) {
        return Layout.LINES;
      }
    }
    return Layout.EMPTY;
  }

  /** One JSON value per line (a line may hold a whole API response); a bad line is skipped. */
  private void readLines(LenientTextReader in) throws IOException {
    long lineNo = 0;
    while (in.hasMore()) {
      lineNo++;
      lineOfValue = lineNo;
      try (JsonParser p = JSON.createParser(in.restOfLine())) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          value(p, t, lineNo);
        }
      } catch (JsonProcessingException e) {
        bad.accept(new BadLine(file, lineNo, "not valid JSON (" + describe(e) + ")"));
      }
      in.skipRestOfLine();
    }
  }

  /** The parser's complaint, with the column when the line is long enough to need it. */
  private static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at != null && at.getColumnNr() > 200 ? " at character " + at.getColumnNr() : "";
    return e.getOriginalMessage() + where;
  }

  /** A whole-file JSON document: an array of events or a saved API response. */
  private void readDocument(Reader in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      try {
        JsonToken t = p.nextToken();
        if (t == null) {
          return;
        }
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
          value(p, t, p.currentTokenLocation().getLineNr());
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

  /** The value the parser stands on: an event, a list of them, or an API response. */
  private void value(JsonParser p, JsonToken t, long line) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      readArray(p);
    } else if (t == JsonToken.START_OBJECT) {
      readObject(p, line);
    } else {
      p.skipChildren();
      bad.accept(new BadLine(file, line, "not a JSON object"));
    }
  }

  private void readArray(JsonParser p) throws IOException {
    for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
      long line = lineOfValue >= 0 ? lineOfValue : p.currentTokenLocation().getLineNr();
      element(p.readValueAsTree(), line);
    }
  }

  /**
   * An object: {@code {"audit_logs": [...], "count": N}} (its events streamed one at a time), or a
   * single event or log line.
   */
  private void readObject(JsonParser p, long line) throws IOException {
    ObjectNode rest = MAPPER.createObjectNode();
    boolean sawEvents = false;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (LISTS.contains(name) && v == JsonToken.START_ARRAY) {
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

  private void element(JsonNode node, long line) throws IOException {
    for (String list : LISTS) {
      if (node != null && node.isObject() && node.path(list).isArray()) {
        for (JsonNode e : node.get(list)) {
          element(e, line);
        }
        return;
      }
    }
    if (isConnectionRow(node)) {
      connectionRow(node, line);
      return;
    }
    try {
      events.accept(AuditEventJson.fromNode(eventIn(node)));
    } catch (MalformedEventException e) {
      bad.accept(new BadLine(file, line, "not a usable audit event: it " + e.getMessage()));
    }
  }

  /** The shape of a connection-log row: no audit event has a connect time. */
  static boolean isConnectionRow(JsonNode node) {
    return node != null
        && node.isObject()
        && node.has("connect_time")
        && node.has("workspace_id")
        && node.has("type")
        && !node.has("action");
  }

  private void connectionRow(JsonNode node, long line) throws IOException {
    if (connections == null) {
      bad.accept(new BadLine(file, line, "a connection-log row, not an audit event"));
      return;
    }
    try {
      connections.accept(ConnectionRowJson.parse(MAPPER.writeValueAsString(node)));
    } catch (MalformedEventException e) {
      bad.accept(new BadLine(file, line, "not a usable connection-log row: it " + e.getMessage()));
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
