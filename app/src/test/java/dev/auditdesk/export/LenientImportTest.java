package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.model.AuditEvent;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as people really have them: a compact API answer on one line of many megabytes, UTF-16 from
 * a Windows tool, a stray Latin-1 byte. Each is read, and what was wrong is reported.
 */
class LenientImportTest {

  @TempDir Path dir;

  private final List<AuditEvent> events = new ArrayList<>();
  private final List<AuditFileReader.BadLine> bad = new ArrayList<>();

  private void read(Path f) throws IOException {
    AuditFileReader.read(f, events::add, bad::add);
  }

  private List<String> ids() {
    return events.stream().map(AuditEvent::id).toList();
  }

  private static List<String> ids(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(SampleEvents.json(i).get("id").asText());
    }
    return out;
  }

  /** What {@code curl https://coder/api/v2/audit?limit=N} saves: one line, no final break. */
  static void writeOneLineApiAnswer(Path f, int n, int padding) throws IOException {
    String pad = "p".repeat(padding);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
      out.write("{\"audit_logs\":[".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < n; i++) {
        ObjectNode e = SampleEvents.json(i);
        if (padding > 0) {
          e.put("x_padding", pad);
        }
        out.write(((i == 0 ? "" : ",") + e).getBytes(StandardCharsets.UTF_8));
      }
      out.write(("],\"count\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aMultiMegabyteOneLineApiAnswerIsReadEventByEvent() throws IOException {
    Path f = dir.resolve("audit.json");
    writeOneLineApiAnswer(f, 4_000, 600);
    assertTrue(Files.size(f) > 4_000_000, "a multi-MB line: " + Files.size(f));
    read(f);
    assertEquals(ids(4_000), ids());
    assertEquals(List.of(), bad);
  }

  @Test
  void aOneLineAnswerOfManyTimesTheHeapIsReadInASmallJvm() throws Exception {
    // 48 MB on one line read by a JVM with a 32 MB heap: only a streaming reader gets through.
    Path f = dir.resolve("big.json");
    writeOneLineApiAnswer(f, 1_000, 48_000);
    assertTrue(Files.size(f) > 48_000_000, "size " + Files.size(f));
    Path log = dir.resolve("child.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                CountEvents.class.getName(),
                f.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the reader finished");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("events 1000 problems 0"), out);
  }

  @Test
  void aStrayLatin1ByteIsReportedWithItsLineAndOffsetAndTheEventStillRead() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((SampleEvents.json(0) + "\n").getBytes(StandardCharsets.UTF_8));
    b.writeBytes((SampleEvents.json(1) + "\n").getBytes(StandardCharsets.UTF_8));
    ObjectNode third = SampleEvents.json(2);
    third.put("user_agent", "Caf\u00e9Bot");
    byte[] line3 = (third + "\n").getBytes(StandardCharsets.ISO_8859_1);
    int badAt = b.size() + indexOf(line3, (byte) 0xe9);
    b.writeBytes(line3);
    b.writeBytes((SampleEvents.json(3) + "\n").getBytes(StandardCharsets.UTF_8));
    Path f = dir.resolve("latin1.ndjson");
    Files.write(f, b.toByteArray());

    read(f);
    assertEquals(ids(4), ids());
    assertEquals("Caf\uFFFDBot", events.get(2).userAgent());
    assertEquals(1, bad.size(), bad.toString());
    AuditFileReader.BadLine problem = bad.get(0);
    assertEquals(3, problem.line());
    assertFalse(problem.skipped(), "the line was read, not skipped");
    assertTrue(problem.reason().contains("byte offset " + badAt), problem.reason());
    assertTrue(problem.reason().contains("0xE9"), problem.reason());
  }

  @Test
  void utf16FilesWithOrWithoutAByteOrderMarkAreRead() throws IOException {
    String ndjson = SampleEvents.json(0) + "\n" + SampleEvents.json(1) + "\n";
    String pretty =
        "{\n  \"audit_logs\": [\n"
            + SampleEvents.json(0).toPrettyString()
            + ",\n"
            + SampleEvents.json(1).toPrettyString()
            + "\n  ],\n  \"count\": 2\n}\n";
    int k = 0;
    for (String text : List.of(ndjson, pretty)) {
      for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
        for (boolean mark : List.of(true, false)) {
          Path f = dir.resolve("utf16-" + k++ + ".json");
          Files.writeString(f, (mark ? "\uFEFF" : "") + text, cs);
          events.clear();
          read(f);
          assertEquals(ids(2), ids(), cs + " mark " + mark);
          assertEquals(List.of(), bad, cs + " mark " + mark);
        }
      }
    }
  }

  @Test
  void aFileCutInsideACharacterKeepsEveryWholeLine() throws IOException {
    byte[] whole =
        (SampleEvents.json(0) + "\n" + SampleEvents.json(1) + "\n{\"id\":\"\u20ac")
            .getBytes(StandardCharsets.UTF_8);
    Path f = dir.resolve("cut.ndjson");
    Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 1));
    read(f);
    assertEquals(ids(2), ids());
    assertTrue(bad.stream().allMatch(b -> b.line() == 3), bad.toString());
    assertTrue(bad.stream().anyMatch(b -> b.skipped()), "the cut line is skipped");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Run in a small JVM by a test: reads a file and prints what it found. */
  public static final class CountEvents {
    public static void main(String[] args) throws IOException {
      long[] counts = new long[2];
      AuditFileReader.read(Path.of(args[0]), e -> counts[0]++, b -> counts[1]++);
      System.out.println("events " + counts[0] + " problems " + counts[1]);
    }
  }
}
