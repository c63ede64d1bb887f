package dev.auditdesk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Export times read exactly as {@link DateTimeFormatter#ISO_INSTANT} wrote them. */
class IsoTimeTest {

  @Test
  void everyInstantReadsAsTheIsoFormatterWritesIt() {
    Random r = new Random(19);
    int[] nanos = {0, 1, 999_999_999, 120_000_000, 123_000, 123_456_789, 5_000_000, 7_000};
    for (int i = 0; i < 200_000; i++) {
      long seconds = r.nextLong(-70_000_000_000L, 300_000_000_000L);
      Instant t =
          Instant.ofEpochSecond(
              seconds, i % 2 == 0 ? nanos[i % nanos.length] : r.nextInt(1_000_000_000));
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), IsoTime.of(t), t::toString);
    }
  }

  @Test
  void theEdgesOfFourDigitYearsReadAsTheFormatterWritesThem() {
    for (String s :
        new String[] {
          "0000-01-01T00:00:00Z",
          "-0001-12-31T23:59:59.999999999Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.000001Z",
          "2024-02-29T12:00:00.5Z"
        }) {
      Instant t = Instant.parse(s);
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), IsoTime.of(t));
    }
  }
}
