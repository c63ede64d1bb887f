package dev.auditdesk.coder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import dev.auditdesk.format.JsonObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams through one page answer of a Coder list endpoint ({@code GET /api/v2/audit}, {@code GET
 * /api/v2/connectionlog}): each element is read straight from the parser's tokens and keeps its
 * exact bytes from the answer as {@code rawJson}; an element that is not usable goes to {@code
 * malformed} and the rest of the page is kept. The answer's size is already capped by the
 * transport.
 */
final class ListPageReader {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);

  /** How a list is called: its field in the answer, and the words for the messages. */
  record Names(String field, String log, String element, String elements) {}

  static final Names AUDIT = new Names("audit_logs", "audit log", "audit event", "events");
  static final Names CONNECTIONS =
      new Names("connection_logs", "connection log", "connection row", "connections");

  /** One page as read: the items, the server's count and cap, and the unreadable elements. */
  record Page<T>(List<T> items, long count, long cap, List<String> malformed) {}

  private ListPageReader() {}

  /** The exact text of the element that started at {@code start} and ends where the parser is. */
  private static String slice(byte[] body, int start, JsonParser p) {
    int end = (int) p.currentLocation().getByteOffset();
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  static <T> Page<T> read(
      HttpAnswer a, CoderErrors errors, Names names, JsonObjects.Reader<T> reader)
      throws CoderException {
    byte[] body = a.body();
    List<T> items = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    long count = -1;
    long cap = 0;
    boolean sawList = false;
    try (JsonParser p = AuditEventJson.mapper().getFactory().createParser(body)) {
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (IOException notJson) {
        first = null;
      }
      if (first != JsonToken.START_OBJECT) {
        throw errors.badResponse(a, errors.notJson(a, "a page of the " + names.log()));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (names.field().equals(field) && value == JsonToken.START_ARRAY) {
          sawList = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            Supplier<String> raw = () -> slice(body, start, p);
            try {
              if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new MalformedEventException("not a JSON object");
              }
              items.add(reader.read(p, raw));
            } catch (MalformedEventException e) {
              LOG.warn(
                  "Kept an unreadable {} from {} aside: it {}",
                  names.element(),
                  errors.host(),
                  e.getMessage());
              malformed.add(raw.get());
            }
          }
        } else if (names.field().equals(field) && value == JsonToken.VALUE_NULL) {
          sawList = true;
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
          "The "
              + names.log()
              + " answer from "
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
    if (!sawList) {
      throw errors.badResponse(
          a,
          "The "
              + names.log()
              + " answer from "
              + errors.host()
              + " has no list of "
              + names.elements()
              + " ("
              + names.field()
              + ").");
    }
    return new Page<>(items, count < 0 ? items.size() + malformed.size() : count, cap, malformed);
  }
}
