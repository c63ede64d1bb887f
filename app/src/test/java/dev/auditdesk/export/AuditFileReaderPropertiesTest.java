package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The import reader, for any file: it never throws on content, every well-formed event is read
 * whatever the layout and encoding, and every bad line is reported by its number.
 */
class AuditFileReaderPropertiesTest {

  private static Path dir;

  @BeforeContainer
  static void folder() throws IOException {
    dir = Files.createTempDirectory("auditdesk-reader-props");
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private record Result(List<String> ids, List<AuditFileReader.BadLine> bad) {}

  private static Result read(byte[] content) throws IOException {
    Path f = Files.createTempFile(dir, "in", ".json");
    Files.write(f, content);
    List<String> ids = new ArrayList<>();
    List<AuditFileReader.BadLine> bad = new ArrayList<>();
    try {
      AuditFileReader.read(f, e -> ids.add(e.id()), bad::add);
    } finally {
      Files.delete(f);
    }
    return new Result(ids, bad);
  }

  @Property(tries = 200)
  void anyBytesAreReadWithoutAnException(@ForAll("fileBytes") byte[] content) throws IOException {
    Result r = read(content);
    for (AuditFileReader.BadLine b : r.bad) {
      assertTrue(b.line() >= 1, b.toString());
    }
  }

  @Property(tries = 100)
  void goodEventsSurviveAnyLayoutAndEncoding(
      @ForAll @IntRange(min = 0, max = 30) int count,
      @ForAll("layouts") String layout,
      @ForAll("charsets") Charset charset,
      @ForAll boolean byteOrderMark)
      throws IOException {
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(SampleEvents.json(i));
    }
    String text = layOut(events, layout);
    byte[] bytes = ((byteOrderMark ? "\uFEFF" : "") + text).getBytes(charset);
    Result r = read(bytes);
    assertEquals(ids(events), r.ids, layout + " " + charset);
    assertEquals(List.of(), r.bad, layout + " " + charset);
  }

  @Property(tries = 100)
  void garbageLinesAreSkippedByNumberAndNothingElseIsLost(
      @ForAll @Size(max = 25) List<@IntRange(min = 0, max = 4) Integer> kinds) throws IOException {
    StringBuilder b = new StringBuilder();
    List<String> expected = new ArrayList<>();
    Set<Long> badLines = new TreeSet<>();
    long line = 0;
    int n = 0;
    for (int kind : kinds) {
      line++;
      switch (kind) {
        case 0, 1 -> {
          ObjectNode e = SampleEvents.json(n++);
          expected.add(e.get("id").asText());
          b.append(e);
        }
        case 2 -> {
          b.append("{\"id\": \"cut");
          badLines.add(line);
        }
        case 3 -> {
          b.append("{\"id\":\"no-time\"}");
          badLines.add(line);
        }
        default -> b.append("   ");
      }
      b.append('\n');
    }
    // The first line decides the layout: a value per line, so start with a good one.
    String text = SampleEvents.json(999) + "\n" + b;
    Result r = read(text.getBytes(StandardCharsets.UTF_8));
    List<String> all = new ArrayList<>(List.of(SampleEvents.json(999).get("id").asText()));
    all.addAll(expected);
    assertEquals(all, r.ids);
    assertEquals(
        badLines.stream().map(l -> l + 1).toList(),
        r.bad.stream().map(AuditFileReader.BadLine::line).toList());
  }

  // Edge cases kept as examples: they run on every build, whatever the random seed.

  @Example
  void onlyAMarkOrOnlyBlankLines() throws IOException {
    assertEquals(List.of(), read(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}).ids);
    assertEquals(List.of(), read(new byte[] {(byte) 0xff, (byte) 0xfe}).ids);
    assertEquals(List.of(), read("\n\n \r\n\t\n".getBytes(StandardCharsets.UTF_8)).bad);
    anyBytesAreReadWithoutAnException(new byte[] {0x7b, 0x00});
    anyBytesAreReadWithoutAnException(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xd8, 0x00});
  }

  /** An array on a line (after a first good line) is a list, each element judged. */
  @Example
  void anArrayLineIsAList() throws IOException {
    String text =
        SampleEvents.json(0) + "\n[" + SampleEvents.json(1) + "," + SampleEvents.json(2) + "]\n";
    assertEquals(
        ids(List.of(SampleEvents.json(0), SampleEvents.json(1), SampleEvents.json(2))),
        read(text.getBytes(StandardCharsets.UTF_8)).ids);
  }

  private static List<String> ids(List<ObjectNode> events) {
    return events.stream().map(e -> e.get("id").asText()).toList();
  }

  private static String layOut(List<ObjectNode> events, String layout) {
    StringBuilder b = new StringBuilder();
    switch (layout) {
      case "ndjson" -> events.forEach(e -> b.append(e).append('\n'));
      case "ndjson-crlf" -> events.forEach(e -> b.append(e).append("\r\n"));
      case "array" -> {
        b.append("[\n");
        for (int i = 0; i < events.size(); i++) {
          b.append(i == 0 ? "" : ",\n").append(events.get(i).toPrettyString());
        }
        b.append("\n]\n");
      }
      case "api-one-line" -> {
        b.append("{\"audit_logs\":[");
        for (int i = 0; i < events.size(); i++) {
          b.append(i == 0 ? "" : ",").append(events.get(i));
        }
        b.append("],\"count\":").append(events.size()).append('}');
      }
      case "api-pretty" -> {
        b.append("{\n  \"count\": ").append(events.size()).append(",\n  \"audit_logs\": [\n");
        for (int i = 0; i < events.size(); i++) {
          b.append(i == 0 ? "" : ",\n").append(events.get(i).toPrettyString());
        }
        b.append("\n  ]\n}\n");
      }
      default -> throw new IllegalArgumentException(layout);
    }
    return b.toString();
  }

  @Provide
  Arbitrary<String> layouts() {
    return Arbitraries.of("ndjson", "ndjson-crlf", "array", "api-one-line", "api-pretty");
  }

  @Provide
  Arbitrary<Charset> charsets() {
    return Arbitraries.of(
        StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);
  }

  @Provide
  Arbitrary<byte[]> fileBytes() {
    Arbitrary<byte[]> piece =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(8),
            Arbitraries.of(
                    "{",
                    "}",
                    "[",
                    "]",
                    "\n",
                    "\r\n",
                    "\"audit_logs\":",
                    "\"id\":\"x\",",
                    "\"time\":\"2024-01-01T00:00:00Z\"",
                    ",",
                    "\"",
                    "\\",
                    "\uFEFF",
                    "\u00e9")
                .map(s -> s.getBytes(StandardCharsets.UTF_8)),
            Arbitraries.of(SampleEvents.json(7).toString().getBytes(StandardCharsets.UTF_8)));
    return piece
        .list()
        .ofMaxSize(30)
        .map(
            parts -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              parts.forEach(out::writeBytes);
              return out.toByteArray();
            });
  }
}
