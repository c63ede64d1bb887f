package dev.auditdesk.coder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams through one answer of {@code GET /api/v2/audit}: each element is read straight from the
 * parser's tokens and keeps its exact bytes from the answer as {@code rawJson}; an element that is
 * not a usable event goes to {@code malformed}.
 */
final class AuditPageReader {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);
  private static final ObjectMapper MAPPER = AuditEventJson.mapper();

  private AuditPageReader() {}

  /** The exact text of the element that started at {@code start} and ends where the parser is. */
  private static String slice(byte[] body, int start, JsonParser p) {
    int end = (int) p.currentLocation().getByteOffset();
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  static AuditPage read(HttpAnswer a, CoderErrors errors) throws CoderException {
    byte[] body = a.body();
    List<AuditEvent> events = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    long count = -1;
    long cap = 0;
    boolean sawLogs = false;
    try (JsonParser p = MAPPER.getFactory().createParser(body)) {
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (IOException notJson) {
        first = null;
      }
      if (first != JsonToken.START_OBJECT) {
        throw errors.badResponse(a, errors.notJson(a, "a page of the audit log"));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("audit_logs".equals(field) && value == JsonToken.START_ARRAY) {
          sawLogs = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            Supplier<String> raw = () -> slice(body, start, p);
            try {
              if (p.currentToken() == JsonToken.START_OBJECT) {
                events.add(AuditEventJson.read(p, raw));
              } else {
                JsonNode element = MAPPER.readTree(p);
                events.add(AuditEventJson.fromNode(element, raw.get()));
              }
            } catch (AuditEventJson.MalformedEventException e) {
              LOG.warn(
                  "Kept an unreadable audit event from {} aside: it {}",
                  errors.host(),
                  e.getMessage());
              malformed.add(raw.get());
            }
          }
        } else if ("audit_logs".equals(field) && value == JsonToken.VALUE_NULL) {
          sawLogs = true;
        } else if ("count".equals(field) && value.isNumeric()) {
          count = p.getLongValue();
        } else if ("count_cap".equals(field) && value.isNumeric()) {
          cap = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new CoderException(
          Kind.BAD_RESPONSE,
          "The audit log answer from "
              + errors.host()
              + " is incomplete or damaged ("
              + e.getClass().getSimpleName()
              + "). Try again.",
          a.status(),
          String.valueOf(e.getMessage()),
          List.of(),
          Duration.ZERO,
          e);
    }
    if (!sawLogs) {
      throw errors.badResponse(
          a, "The audit log answer from " + errors.host() + " has no list of events (audit_logs).");
    }
    return new AuditPage(
        events, count < 0 ? events.size() + malformed.size() : count, cap, malformed);
  }
}
