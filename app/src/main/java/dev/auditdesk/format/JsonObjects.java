package dev.auditdesk.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.auditdesk.format.AuditEventJson.MalformedEventException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
   * Parses many texts that each hold exactly one object, with one parser over all of them: a parser
   * per text cost a sixth of an export's parsing (created, its buffers handed back), issue 19.
   * Entry {@code i} of the result is what {@link #parse} gives for {@code json[i]}, or null where
   * that text is null or not one usable object (parse it alone for the reason): a text that fails
   * ends the shared parser, and a new one starts at the next text.
   */
  public static <T> List<T> parseEach(String[] json, Reader<T> reader) {
    int n = json.length;
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + (json[i] == null ? 0 : json[i].length()) + 1;
    }
    char[] all = new char[start[n]];
    for (int i = 0; i < n; i++) {
      if (json[i] != null) {
        json[i].getChars(0, json[i].length(), all, start[i]);
      }
      all[start[i + 1] - 1] = ' '; // keeps the next text's first token apart from this one's last
    }
    List<T> out = new ArrayList<>(Collections.nCopies(n, (T) null));
    int i = 0;
    while (i < n) {
      i = readFrom(all, start, json, i, reader, out) + 1;
    }
    return out;
  }

  /** Reads texts from {@code first} on into {@code out}; the index of a failed text, or n. */
  private static <T> int readFrom(
      char[] all, int[] start, String[] json, int first, Reader<T> reader, List<T> out) {
    int n = json.length;
    int base = start[first];
    int i = first;
    try (JsonParser p =
        AuditEventJson.mapper().getFactory().createParser(all, base, start[n] - base)) {
      for (; i < n; i++) {
        if (json[i] == null) {
          continue;
        }
        if (p.nextToken() != JsonToken.START_OBJECT || !within(p, base, start[i], start[i + 1])) {
          return i;
        }
        String text = json[i];
        T t = reader.read(p, () -> text);
        long close = base + p.currentTokenLocation().getCharOffset(); // its closing brace
        if (close >= start[i + 1] || !blank(all, (int) close + 1, start[i + 1])) {
          return i; // the object ran into the next text, or text follows it
        }
        out.set(i, t);
      }
      return n;
    } catch (IOException | MalformedEventException | RuntimeException e) {
      return i;
    }
  }

  /** Whether the parser's current token starts in {@code [from, to)} of the shared text. */
  private static boolean within(JsonParser p, int base, int from, int to) {
    long at = base + p.currentTokenLocation().getCharOffset();
    return at >= from && at < to;
  }

  /** Whether only JSON's whitespace lies in {@code [from, to)}, as {@link #parse} allows after. */
  private static boolean blank(char[] all, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = all[k];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
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
