package dev.auditdesk.coder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.auditdesk.coder.CoderException.Kind;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.format.ConnectionRowJson;
import dev.auditdesk.model.ConnectionRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams through one answer of {@code GET /api/v2/connectionlog} as {@link AuditPageReader} does
 * the audit log: each row keeps its exact bytes as {@code rawJson}; a row that is not usable goes
 * to {@code malformed}. The answer's size is already capped by the transport.
 */
final class ConnectionLogPageReader {

  private static final Logger LOG = LoggerFactory.getLogger(CoderClient.class);

  private ConnectionLogPageReader() {}

  static ConnectionLogPage read(HttpAnswer a, CoderErrors errors, Instant serverTime)
      throws CoderException {
    byte[] body = a.body();
    List<ConnectionRow> rows = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    long count = -1;
    long cap = 0;
    boolean sawRows = false;
    try (JsonParser p = AuditEventJson.mapper().getFactory().createParser(body)) {
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (IOException notJson) {
        first = null;
      }
      if (first != JsonToken.START_OBJECT) {
        throw errors.badResponse(a, errors.notJson(a, "a page of the connection log"));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("connection_logs".equals(field) && value == JsonToken.START_ARRAY) {
          sawRows = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            Supplier<String> raw =
                () ->
                    new String(
                        body,
                        start,
                        (int) p.currentLocation().getByteOffset() - start,
                        StandardCharsets.UTF_8);
            if (p.currentToken() != JsonToken.START_OBJECT) {
              p.skipChildren();
              malformed.add(raw.get());
              continue;
            }
            try {
              rows.add(ConnectionRowJson.read(p, raw));
            } catch (AuditEventJson.MalformedEventException e) {
              LOG.warn(
                  "Kept an unreadable connection row from {} aside: it {}",
                  errors.host(),
                  e.getMessage());
              malformed.add(raw.get());
            }
          }
        } else if ("connection_logs".equals(field) && value == JsonToken.VALUE_NULL) {
          sawRows = true;
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
          "The connection log answer from "
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
    if (!sawRows) {
      throw errors.badResponse(
          a,
          "The connection log answer from "
              + errors.host()
              + " has no list of connections (connection_logs).");
    }
    return new ConnectionLogPage(
        rows, count < 0 ? rows.size() + malformed.size() : count, cap, malformed, serverTime);
  }
}
