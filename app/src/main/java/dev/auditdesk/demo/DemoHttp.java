package dev.auditdesk.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Answers the way Coder does over the JDK server: JSON bodies, Coder's error shape, gzip on ask.
 */
final class DemoHttp {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonFactory JSON = MAPPER.getFactory();

  private final boolean gzip;

  DemoHttp(boolean gzip) {
    this.gzip = gzip;
  }

  interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  void json(HttpExchange ex, int status, Fields fields) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    }
    send(ex, status, "application/json", buf.toByteArray());
  }

  void error(
      HttpExchange ex, int status, String message, String detail, Map<String, String> validations)
      throws IOException {
    json(
        ex,
        status,
        g -> {
          g.writeStringField("message", message);
          if (detail != null && !detail.isEmpty()) {
            g.writeStringField("detail", detail);
          }
          if (validations != null && !validations.isEmpty()) {
            g.writeArrayFieldStart("validations");
            for (Map.Entry<String, String> v : validations.entrySet()) {
              g.writeStartObject();
              g.writeStringField("field", v.getKey());
              g.writeStringField("detail", v.getValue());
              g.writeEndObject();
            }
            g.writeEndArray();
          }
        });
  }

  void invalidParam(HttpExchange ex, String field, String detail) throws IOException {
    error(ex, 400, "Query parameters have invalid values.", "", Map.of(field, detail));
  }

  void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
    if (gzip && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
      ByteArrayOutputStream z = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
        gz.write(body);
      }
      body = z.toByteArray();
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
