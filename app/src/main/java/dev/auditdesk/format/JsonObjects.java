package dev.auditdesk.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * What the streaming readers of audit events and connection rows share: one object read straight
 * from the parser's tokens, keeping its original text.
 */
public final class JsonObjects {

  private JsonObjects() {}

  /**
   * Reads the object the parser stands on ({@link JsonToken#START_OBJECT}) and leaves the parser on
   * its {@link JsonToken#END_OBJECT}; {@code raw}, asked there, is the object's original text. An
   * unusable object is consumed whole before the exception, so a list can go on.
   */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JsonParser p, Supplier<String> raw) throws IOException, MalformedEventException;
  }

  /**
   * Parses text that holds exactly one object; the original text of the result is {@code json}.
   * {@code what} names the object in the message ("event", "row").
   */
  public static <T> T parse(String json, Reader<T> reader, String what)
      throws MalformedEventException {
    try (JsonParser p = AuditEventJson.mapper().getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedEventException("not a JSON object");
      }
      T t = reader.read(p, () -> json);
      if (p.nextToken() != null) {
        throw new MalformedEventException("not valid JSON: text follows the " + what);
      }
      return t;
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedEventException("not valid JSON: " + e.getMessage());
    }
  }

  /**
   * The text of the value the parser stands on: a string as it is, null as "", any other value or
   * structure as its JSON (so nothing a server sends is dropped).
   */
  static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v == JsonToken.VALUE_NULL) {
      return "";
    }
    JsonNode n = AuditEventJson.mapper().readTree(p);
    return n.isValueNode() ? n.asText() : n.toString();
  }
}
