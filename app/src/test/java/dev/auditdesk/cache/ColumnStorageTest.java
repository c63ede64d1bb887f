package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnStorageTest {

  @Test
  void longsGrowPastManyChunksAndAViewKeepsWhatItWasGiven() {
    LongColumn c = new LongColumn();
    for (int row = 0; row < 100; row++) {
      c.set(row, row * 3L);
    }
    LongColumn view = c.view();
    int rows = 3 * LongColumn.CHUNK + 17;
    for (int row = 100; row < rows; row++) {
      c.set(row, -row);
    }
    for (int row = 100; row < rows; row++) {
      assertEquals(-row, c.get(row));
    }
    // The first chunk was grown (copied) after the view was taken: the view still reads its rows.
    assertEquals(99 * 3L, view.get(99));
    assertEquals(99 * 3L, c.get(99));
    long[] out = new long[LongColumn.CHUNK + 10];
    c.copyTo(LongColumn.CHUNK - 5, out, 0, out.length);
    assertEquals(-(LongColumn.CHUNK - 5), out[0]);
    assertEquals(-(2 * LongColumn.CHUNK + 4), out[out.length - 1]);
  }

  @Test
  void aColumnLeftInItsFileReadsTheFileAndCopiesOnlyTheChunkThatIsWritten() {
    int rows = 2 * LongColumn.CHUNK + 300;
    java.nio.LongBuffer file = java.nio.LongBuffer.allocate(rows);
    for (int row = 0; row < rows; row++) {
      file.put(row, 7L * row);
    }
    LongColumn c = LongColumn.mapped(file.asReadOnlyBuffer(), rows);
    assertEquals(0, c.bytes() - 16L - 8L * 3, "nothing on the heap yet");
    LongColumn before = c.view();
    c.set(LongColumn.CHUNK + 5, -1); // a row in the middle chunk changes
    c.set(rows, -2); // and one is appended after the last chunk's saved rows
    c.set(rows + 1, -3);
    for (int row = 0; row < rows; row++) {
      long want = row == LongColumn.CHUNK + 5 ? -1 : 7L * row;
      assertEquals(want, c.get(row));
      assertEquals(7L * row, before.get(row), "a view taken before the writes sees the file");
    }
    assertEquals(-2, c.get(rows));
    assertEquals(-3, c.get(rows + 1));
    // The first chunk never left the file; the other two were copied when written.
    assertEquals(8L * LongColumn.CHUNK, c.mappedBytes());
    long[] out = new long[LongColumn.CHUNK + 2];
    c.copyTo(10, out, 0, out.length);
    assertEquals(70, out[0]);
    assertEquals(-1, out[LongColumn.CHUNK - 5]);
    assertEquals(7L * (LongColumn.CHUNK + 11), out[out.length - 1]);
  }

  @Test
  void codesWidenFromBytesToShortsToIntsWithoutLosingAValue() {
    CodeColumn c = new CodeColumn();
    int rows = LongColumn.CHUNK + 500;
    for (int row = 0; row < rows; row++) {
      c.set(row, row % 256);
    }
    assertEquals(1, c.width());
    CodeColumn bytes = c.view();
    c.set(rows, 300);
    assertEquals(2, c.width());
    c.set(rows + 1, 70_000);
    assertEquals(4, c.width());
    c.set(rows + 2, -1);
    for (int row = 0; row < rows; row++) {
      assertEquals(row % 256, c.get(row));
      assertEquals(row % 256, bytes.get(row));
    }
    assertEquals(300, c.get(rows));
    assertEquals(70_000, c.get(rows + 1));
    assertEquals(-1, c.get(rows + 2));
    // 65,535 fits a short; 255 a byte.
    CodeColumn s = new CodeColumn();
    s.set(0, 255);
    assertEquals(1, s.width());
    s.set(1, 65_535);
    assertEquals(2, s.width());
    assertEquals(255, s.get(0));
    assertEquals(65_535, s.get(1));
  }
}
