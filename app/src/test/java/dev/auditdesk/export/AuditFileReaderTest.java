package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auditdesk.format.AuditEventJson;
import dev.auditdesk.model.AuditEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileReaderTest {

  @TempDir Path dir;

  private static final ObjectMapper M = AuditEventJson.mapper();

  private final List<AuditEvent> events = new ArrayList<>();
  private final List<AuditFileReader.BadLine> bad = new ArrayList<>();

  private void read(Path f) throws IOException {
    AuditFileReader.read(f, events::add, bad::add);
  }

  private List<String> ids() {
    return events.stream().map(AuditEvent::id).toList();
  }

  private static List<String> ids(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(SampleEvents.json(i).get("id").asText());
    }
    return out;
  }

  @Test
  void ndjsonBadLinesAreReportedByLineNumberAndTheRestIsRead() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(SampleEvents.json(0)).append('\n');
    b.append("{\"id\": \"cut off\n");
    b.append('\n');
    b.append(SampleEvents.json(1)).append('\n');
    ObjectNode noTime = SampleEvents.json(2);
    noTime.remove("time");
    b.append(noTime).append('\n');
    b.append("[1,2]\n");
    b.append(SampleEvents.json(3)).append('\n');
    Path f = dir.resolve("export.ndjson");
    Files.writeString(f, b);

    read(f);
    assertEquals(List.of(ids(0, 1).get(0), ids(1, 2).get(0), ids(3, 4).get(0)), ids());
    // An array on a line is read as a list of events: each of its two numbers is reported.
    assertEquals(List.of(2L, 5L, 6L, 6L), bad.stream().map(AuditFileReader.BadLine::line).toList());
    assertTrue(bad.get(0).reason().contains("not valid JSON"), bad.get(0).reason());
    assertTrue(bad.get(1).reason().contains("time"), bad.get(1).reason());
    assertTrue(bad.get(0).toString().startsWith("export.ndjson line 2: "), bad.get(0).toString());
  }

  @Test
  void anAuditDeskJsonArrayExportIsReadWhole() throws IOException {
    ArrayNode a = M.createArrayNode();
    for (int i = 0; i < 30; i++) {
      a.add(SampleEvents.json(i));
    }
    Path f = dir.resolve("export.json");
    Files.writeString(f, M.writerWithDefaultPrettyPrinter().writeValueAsString(a));
    read(f);
    assertEquals(ids(0, 30), ids());
    assertEquals(List.of(), bad);
    assertEquals(M.readTree(SampleEvents.json(7).toString()), M.readTree(events.get(7).rawJson()));
  }

  @Test
  void aSavedApiResponseIsReadPrettyOrOnePagePerLine() throws IOException {
    ObjectNode page = M.createObjectNode();
    ArrayNode logs = page.putArray("audit_logs");
    for (int i = 0; i < 5; i++) {
      logs.add(SampleEvents.json(i));
    }
    page.put("count", 2001);
    page.put("count_cap", 2000);
    Path pretty = dir.resolve("audit.json");
    Files.writeString(pretty, M.writerWithDefaultPrettyPrinter().writeValueAsString(page));
    read(pretty);
    assertEquals(ids(0, 5), ids());

    events.clear();
    ObjectNode page2 = M.createObjectNode();
    ArrayNode logs2 = page2.putArray("audit_logs");
    for (int i = 5; i < 8; i++) {
      logs2.add(SampleEvents.json(i));
    }
    Path pages = dir.resolve("pages.txt");
    Files.writeString(pages, page + "\n" + page2 + "\n");
    read(pages);
    assertEquals(ids(0, 8), ids());
    assertEquals(List.of(), bad);
  }

  @Test
  void serverLogLinesYieldTheirAuditEventsIncludingCoderV1Actions() throws IOException {
    String[] v1 = {"auto_off", "cordon", "enqueue", "ssh", "view"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v1.length; i++) {
      ObjectNode event = SampleEvents.json(i);
      event.put("action", v1[i]);
      event.put("resource_type", "environment");
      ObjectNode line = M.createObjectNode();
      line.put("ts", "2021-03-04T05:06:07.123Z");
      line.put("level", "INFO");
      ObjectNode message = line.putObject("message");
      message.put("msg", "audit_log");
      message.putObject("fields").set("audit_log", event);
      b.append(line).append('\n');
    }
    ObjectNode timeless = SampleEvents.json(9);
    timeless.remove("time");
    timeless.put("action", "auto_off");
    ObjectNode line = M.createObjectNode();
    line.put("ts", "2021-03-04T05:06:07.123Z");
    line.putObject("message").putObject("fields").set("audit_log", timeless);
    b.append(line).append('\n');
    b.append("{\"ts\":\"2021-03-04T05:06:07Z\",\"message\":{\"msg\":\"request\",\"fields\":{}}}\n");
    Path f = dir.resolve("coder-server.log");
    Files.writeString(f, b);

    read(f);
    assertEquals(
        List.of("auto_off", "cordon", "enqueue", "ssh", "view", "auto_off"),
        events.stream().map(AuditEvent::action).toList());
    assertEquals("2021-03-04T05:06:07.123Z", events.get(5).time().toString());
    assertEquals(1, bad.size());
    assertEquals(7, bad.get(0).line());
  }

  @Test
  void aByteOrderMarkAndACutOffArrayAreHandled() throws IOException {
    Path f = dir.resolve("cut.json");
    String text =
        "\uFEFF[\n" + SampleEvents.json(0) + ",\n" + SampleEvents.json(1) + ",\n{\"id\": \"x\", ";
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    read(f);
    assertEquals(ids(0, 2), ids());
    assertEquals(1, bad.size());
    assertTrue(bad.get(0).reason().contains("rest of the file"), bad.get(0).reason());
  }
}
