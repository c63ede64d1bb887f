package dev.auditdesk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.EventColumn;
import dev.auditdesk.model.FieldChange;
import dev.auditdesk.model.Organization;
import dev.auditdesk.model.VisibleText;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The hand-written CSV rows are byte for byte what Commons CSV's RFC 4180 printer wrote for the
 * same cells, for any text: quotes, commas, line breaks, formula starts, hidden characters, empty
 * and space-edged cells.
 */
class CsvEventWriterTest {

  @Property(tries = 1_000)
  void rowsAreWhatTheCommonsCsvPrinterWrites(@ForAll("events") List<AuditEvent> events)
      throws IOException {
    StringWriter out = new StringWriter();
    CsvEventWriter w = new CsvEventWriter(out);
    w.begin();
    for (AuditEvent e : events) {
      w.write(e);
    }
    w.finish();
    assertEquals(printedByCommonsCsv(events), out.toString());
  }

  @Example
  void edgeCellsAreQuotedAsCommonsCsvQuotesThem() throws IOException {
    for (String s :
        List.of("", " ", "a ", "#x", "\"", "a\"b", "a,b", "a\rb", "a\nb", "$x", "!x", "x\t")) {
      rowsAreWhatTheCommonsCsvPrinterWrites(List.of(event(s), event("x" + s)));
    }
  }

  /** The writer as it was: every cell printed through {@link CSVPrinter}. */
  private static String printedByCommonsCsv(List<AuditEvent> events) throws IOException {
    StringWriter out = new StringWriter();
    CSVPrinter p =
        new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    p.printRecord(CsvEventWriter.COLUMNS);
    for (AuditEvent e : events) {
      for (EventColumn c : EventColumn.values()) {
        String text = c.text(e);
        p.print(c.kind().isValue() ? text : VisibleText.of(CsvEventWriter.neutralise(text)));
      }
      p.println();
    }
    p.flush();
    return out.toString();
  }

  @Provide
  Arbitrary<List<AuditEvent>> events() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("\"',;\r\n\t #$!=+-@ab\u00a0\u3000\uff1d\u2212\u202e\u200b\u0000\u0085")
                .ofMaxLength(6),
            Arbitraries.strings().ofMaxLength(6));
    return text.list().ofSize(17).map(CsvEventWriterTest::event).list().ofMaxSize(4);
  }

  private static AuditEvent event(String s) {
    return event(java.util.Collections.nCopies(17, s));
  }

  private static AuditEvent event(List<String> t) {
    return new AuditEvent(
        t.get(0),
        t.get(1),
        Instant.ofEpochSecond(1_700_000_000L + t.get(2).length(), t.get(3).length() * 1_000),
        "",
        t.get(4).isEmpty() ? Organization.NONE : new Organization(t.get(4), t.get(5), t.get(6)),
        t.get(7),
        t.get(8),
        t.get(9),
        t.get(10),
        t.get(11),
        "",
        t.get(12),
        t.get(13),
        List.of(new FieldChange(t.get(14), "\"" + t.get(15) + "\"", "null", false)),
        t.get(16).length() * 100,
        "{}",
        "{user} " + t.get(15),
        t.get(16).isEmpty(),
        new Actor(t.get(1), t.get(14), t.get(16), ""),
        t.get(5),
        "");
  }
}
