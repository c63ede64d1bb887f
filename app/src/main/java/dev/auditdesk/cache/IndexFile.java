package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The {@link ColumnIndex} columns saved beside the H2 file ({@code cache.index}), so opening a
 * large cache reads one file of 45–60 bytes per event instead of every row of H2 (a million events:
 * well under a second instead of fifteen). The file is only a shortcut: it names the {@code stamp}
 * that the H2 file's meta table must hold, covers rows {@code 0..n-1}, and ends with a CRC32C; when
 * anything disagrees the cache rebuilds the columns from H2. Rows appended after it was written are
 * read from H2; a changed row removes the stamp from H2 in the transaction that changes it. Since
 * version 3 it also holds each dictionary's committed values, so the open need not read H2's {@code
 * dict} table (258,000 values at ten million events: 2.3 s).
 */
final class IndexFile {

  static final String NAME = "cache.index";
  private static final int MAGIC = 0x41444958; // "ADIX"

  /**
   * 1: every code as an int; 2: codes at their column's width, and the time order saved; 3: the
   * dictionaries too, right after the header; 4: the time order as runs of consecutive rows when
   * that is shorter (a cache filled in time order, or in reverse: one run instead of 4 bytes a
   * row).
   */
  private static final int VERSION = 4;

  /** The oldest version still read (its dictionaries come from H2). */
  private static final int OLDEST_READ = 2;

  /** The length written for a code without a value in H2 (a placeholder). */
  private static final int NO_VALUE = -1;

  private static final int HEADER = 4 + 4 + 8 + 4 + 4;
  private static final int CHUNK = 1 << 20;

  /**
   * The dictionaries of a version 3 file by {@link IndexedColumn} (null for an older file), before
   * its checksum is known.
   */
  record SavedDictionaries(long stamp, String[][] values) {}

  /**
   * The columns of rows {@code 0..n-1} as read from the file, the stamp it was saved with, and
   * whether it is of this version (else the next save writes it again in this version's form).
   */
  record Columns(
      boolean latest,
      long stamp,
      int n,
      LongColumn time,
      LongColumn idKey,
      LongColumn idHash,
      LongColumn requestKey,
      LongColumn resourceKey,
      CodeColumn status,
      CodeColumn[] codes,
      int[] byTime,
      int[] codeEnds) {

    /** True when every code is below its dictionary's size in {@code dictSizes}. */
    boolean codesWithin(int[] dictSizes) {
      for (int c = 0; c < codeEnds.length; c++) {
        if (codeEnds[c] > dictSizes[c]) {
          return false;
        }
      }
      return true;
    }
  }

  private IndexFile() {}

  /**
   * Writes rows {@code 0..s.n-1} of a snapshot and, {@code withValues}, the committed values of
   * {@code dicts} (by {@link IndexedColumn}) with a stamp, atomically (temp file, rename). An
   * encrypted cache saves no values: its names, targets and addresses stay inside the encrypted
   * file, and the next open reads them from there.
   */
  static void write(Path file, Snapshot s, Dictionary[] dicts, long stamp, boolean withValues)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    PrivateFiles.createFile(tmp);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      Out out = new Out(ch);
      out.buf.putInt(MAGIC).putInt(VERSION).putLong(stamp).putInt(s.n).putInt(IndexedColumn.COUNT);
      out.dictionaries(dicts, withValues);
      out.longs(s.time, s.n);
      out.longs(s.idKey, s.n);
      out.longs(s.idHash, s.n);
      out.longs(s.requestKey, s.n);
      out.longs(s.resourceKey, s.n);
      out.orderInRuns(s.byTime(), s.n);
      out.codes(s.status, s.n);
      for (int c = 0; c < IndexedColumn.COUNT; c++) {
        out.codes(s.cols[c], s.n);
      }
      out.finish();
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The columns saved in the file, or null when it is missing, does not read back whole or holds a
   * negative code. Whether H2 names its stamp and each code has a value in its dictionary is the
   * caller's to check ({@link Columns#codesWithin}): the file is read while H2 opens.
   *
   * <p>A version 3 file hands its dictionaries to {@code dictionaries} as soon as they are read,
   * with null for a code without a value, so the caller can build them while the columns are read;
   * they are only as good as the checksum, known when this returns non-null.
   */
  static Columns read(Path file, Consumer<SavedDictionaries> dictionaries) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      In in = new In(ch);
      if (in.getInt() != MAGIC) {
        return null;
      }
      // A file of an older version is rebuilt from H2 once (about 15 s per million events).
      int version = in.getInt();
      long stamp = in.getLong();
      if (version < OLDEST_READ || version > VERSION) {
        return null;
      }
      int n = in.getInt();
      if (n < 0 || in.getInt() != IndexedColumn.COUNT) {
        return null;
      }
      if (version >= 3) {
        String[][] values = in.dictionaries(ch.size());
        if (values == null) {
          return null;
        }
        dictionaries.accept(new SavedDictionaries(stamp, values));
      } else {
        dictionaries.accept(new SavedDictionaries(stamp, null));
      }
      LongColumn time = in.longs(n);
      // The keys are only looked at row by row (ties, id lookups, two rare filters): they stay in
      // the file, off the heap, once the checksum below has read them whole.
      long keys = in.position();
      boolean map = 4L * Long.BYTES * n <= Integer.MAX_VALUE;
      LongColumn idKey = null;
      LongColumn idHash = null;
      LongColumn requestKey = null;
      LongColumn resourceKey = null;
      if (map) {
        in.checkMapped(4L * Long.BYTES * n);
      } else {
        idKey = in.longs(n);
        idHash = in.longs(n);
        requestKey = in.longs(n);
        resourceKey = in.longs(n);
      }
      int[] byTime = version >= 4 ? in.orderInRuns(n) : in.order(n);
      CodeColumn status = in.codes(n, false);
      CodeColumn[] codes = new CodeColumn[IndexedColumn.COUNT];
      int[] codeEnds = new int[IndexedColumn.COUNT];
      for (int c = 0; c < IndexedColumn.COUNT; c++) {
        codes[c] = in.codes(n, true);
        if (codes[c] == null || status == null) {
          return null;
        }
        codeEnds[c] = in.lastCodeEnd;
      }
      long computed = in.crc.getValue();
      if (in.getLong() != computed || in.position() != ch.size()) {
        return null;
      }
      if (map) {
        LongBuffer all =
            ch.map(FileChannel.MapMode.READ_ONLY, keys, 4L * Long.BYTES * n).asLongBuffer();
        idKey = LongColumn.mapped(all.slice(0, n), n);
        idHash = LongColumn.mapped(all.slice(n, n), n);
        requestKey = LongColumn.mapped(all.slice(2 * n, n), n);
        resourceKey = LongColumn.mapped(all.slice(3 * n, n), n);
      }
      return new Columns(
          version == VERSION,
          stamp,
          n,
          time,
          idKey,
          idHash,
          requestKey,
          resourceKey,
          status,
          codes,
          permutation(byTime, n),
          codeEnds);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code order} when it holds every row below {@code n} exactly once, else null (sort again). */
  private static int[] permutation(int[] order, int n) {
    if (order == null || order.length != n) {
      return null;
    }
    long[] seen = new long[(n + 63) >>> 6];
    for (int row : order) {
      if (row < 0 || row >= n || (seen[row >>> 6] & (1L << row)) != 0) {
        return null;
      }
      seen[row >>> 6] |= 1L << row;
    }
    return order;
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A stale file is harmless: its stamp no longer matches.
    }
  }

  /** Buffered writes with a running CRC32C over everything before the checksum itself. */
  private static final class Out {
    final FileChannel ch;
    final ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    final CRC32C crc = new CRC32C();

    Out(FileChannel ch) {
      this.ch = ch;
    }

    final long[] longs = new long[CHUNK / Long.BYTES];

    /**
     * The length of the section, then per dictionary its committed size and each value as its UTF-8
     * length ({@link #NO_VALUE} for a placeholder) and bytes; without values, every size 0.
     */
    void dictionaries(Dictionary[] dicts, boolean withValues) throws IOException {
      long bytes = 0;
      for (Dictionary d : dicts) {
        bytes += Integer.BYTES;
        for (int code = 0, k = withValues ? d.committedSize() : 0; code < k; code++) {
          String v = d.stored(code);
          bytes += Integer.BYTES + (v == null ? 0 : v.getBytes(StandardCharsets.UTF_8).length);
        }
      }
      room(Long.BYTES);
      buf.putLong(bytes);
      for (Dictionary d : dicts) {
        int k = withValues ? d.committedSize() : 0;
        room(Integer.BYTES);
        buf.putInt(k);
        for (int code = 0; code < k; code++) {
          String v = d.stored(code);
          byte[] b = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
          room(Integer.BYTES);
          buf.putInt(b == null ? NO_VALUE : b.length);
          for (int i = 0; b != null && i < b.length; ) {
            room(1);
            int part = Math.min(b.length - i, buf.remaining());
            buf.put(b, i, part);
            i += part;
          }
        }
      }
    }

    void longs(LongColumn a, int n) throws IOException {
      for (int i = 0; i < n; ) {
        room(Long.BYTES);
        int k = Math.min(n - i, buf.remaining() / Long.BYTES);
        a.copyTo(i, longs, 0, k);
        buf.asLongBuffer().put(longs, 0, k);
        buf.position(buf.position() + k * Long.BYTES);
        i += k;
      }
    }

    /** A column's width, then each value in that many bytes. */
    void codes(CodeColumn a, int n) throws IOException {
      int w = a.width();
      room(Integer.BYTES);
      buf.putInt(w);
      for (int i = 0; i < n; i++) {
        room(w);
        int v = a.get(i);
        switch (w) {
          case 1 -> buf.put((byte) v);
          case 2 -> buf.putShort((short) v);
          default -> buf.putInt(v);
        }
      }
    }

    /**
     * The time order: the number of runs, then each run's first row and its length, negative for a
     * run going down; or -1 and every row, when the runs would take more room than the rows.
     */
    void orderInRuns(int[] rows, int n) throws IOException {
      int runs = 0;
      for (int i = 0; i < n; i += Math.abs(run(rows, n, i))) {
        runs++;
      }
      room(Integer.BYTES);
      if (runs > n / 2) {
        buf.putInt(-1);
        order(rows, n);
        return;
      }
      buf.putInt(runs);
      for (int i = 0; i < n; ) {
        int length = run(rows, n, i);
        room(2 * Integer.BYTES);
        buf.putInt(rows[i]).putInt(length);
        i += Math.abs(length);
      }
    }

    /** The length of the run of rows from {@code i}: each one more (or, negative, one less). */
    private static int run(int[] rows, int n, int i) {
      int j = i + 1;
      if (j < n && rows[j] == rows[i] - 1) {
        while (j < n && rows[j] == rows[j - 1] - 1) {
          j++;
        }
        return -(j - i);
      }
      while (j < n && rows[j] == rows[j - 1] + 1) {
        j++;
      }
      return j - i;
    }

    void order(int[] rows, int n) throws IOException {
      for (int i = 0; i < n; ) {
        room(Integer.BYTES);
        int k = Math.min(n - i, buf.remaining() / Integer.BYTES);
        buf.asIntBuffer().put(rows, i, k);
        buf.position(buf.position() + k * Integer.BYTES);
        i += k;
      }
    }

    private void room(int bytes) throws IOException {
      if (buf.remaining() < bytes) {
        drain();
      }
    }

    private void drain() throws IOException {
      buf.flip();
      crc.update(buf.duplicate());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }

    void finish() throws IOException {
      drain();
      buf.putLong(crc.getValue()).flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  /** Buffered reads with a running CRC32C over everything consumed. */
  private static final class In {
    final FileChannel ch;
    final ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    final CRC32C crc = new CRC32C();

    /** Bytes of the file handed out so far. */
    private long consumed;

    In(FileChannel ch) {
      this.ch = ch;
      buf.flip();
    }

    long position() {
      return consumed;
    }

    /** Makes at least {@code bytes} available; bytes handed out are added to the CRC. */
    private void need(int bytes) throws IOException {
      if (buf.remaining() >= bytes) {
        return;
      }
      buf.compact();
      while (buf.position() < bytes) {
        if (ch.read(buf) < 0) {
          throw new EOFException();
        }
      }
      buf.flip();
    }

    int getInt() throws IOException {
      need(Integer.BYTES);
      int v = buf.getInt();
      crc.update(buf.array(), buf.position() - Integer.BYTES, Integer.BYTES);
      consumed += Integer.BYTES;
      return v;
    }

    long getLong() throws IOException {
      need(Long.BYTES);
      long v = buf.getLong();
      crc.update(buf.array(), buf.position() - Long.BYTES, Long.BYTES);
      consumed += Long.BYTES;
      return v;
    }

    private final long[] longs = new long[CHUNK / Long.BYTES];

    /** The section {@link Out#dictionaries} wrote, or null when it does not add up. */
    String[][] dictionaries(long fileSize) throws IOException {
      long bytes = getLong();
      long end = consumed + bytes;
      if (bytes < 0 || end > fileSize) {
        return null;
      }
      String[][] values = new String[IndexedColumn.COUNT][];
      for (int c = 0; c < IndexedColumn.COUNT; c++) {
        int k = getInt();
        if (k < 0 || k > (end - consumed) / Integer.BYTES) {
          return null;
        }
        String[] v = values[c] = new String[k];
        for (int code = 0; code < k; code++) {
          int length = getInt();
          if (length == NO_VALUE) {
            continue;
          }
          if (length < 0 || length > end - consumed) {
            return null;
          }
          v[code] = string(length);
        }
      }
      return consumed == end ? values : null;
    }

    private String string(int length) throws IOException {
      if (length <= CHUNK) {
        need(length);
        String s = new String(buf.array(), buf.position(), length, StandardCharsets.UTF_8);
        consume(length);
        return s;
      }
      byte[] b = new byte[length];
      for (int i = 0; i < length; ) {
        need(1);
        int part = Math.min(length - i, buf.remaining());
        buf.get(buf.position(), b, i, part);
        consume(part);
        i += part;
      }
      return new String(b, StandardCharsets.UTF_8);
    }

    LongColumn longs(int n) throws IOException {
      LongColumn a = new LongColumn();
      for (int i = 0; i < n; ) {
        need(Long.BYTES);
        int k = Math.min(n - i, buf.remaining() / Long.BYTES);
        buf.asLongBuffer().get(longs, 0, k);
        consume(k * Long.BYTES);
        for (int j = 0; j < k; j++) {
          a.set(i + j, longs[j]);
        }
        i += k;
      }
      return a;
    }

    /**
     * Adds the next {@code bytes} to the CRC from a mapping of the file, without copying them onto
     * the heap (the keys: a third of the file, mapped afterwards).
     */
    void checkMapped(long bytes) throws IOException {
      int buffered = (int) Math.min(buf.remaining(), bytes);
      consume(buffered);
      long rest = bytes - buffered;
      if (rest > 0) {
        long at = ch.position();
        if (at + rest > ch.size()) {
          throw new EOFException();
        }
        crc.update(ch.map(FileChannel.MapMode.READ_ONLY, at, rest));
        ch.position(at + rest);
        consumed += rest;
      }
    }

    /** What {@link Out#orderInRuns} wrote, or null when its runs do not add up to {@code n}. */
    int[] orderInRuns(int n) throws IOException {
      int runs = getInt();
      if (runs == -1) {
        return order(n);
      }
      if (runs < 0 || runs > n) {
        return null;
      }
      int[] rows = new int[n];
      int i = 0;
      for (int r = 0; r < runs; r++) {
        int first = getInt();
        int length = getInt();
        int step = length < 0 ? -1 : 1;
        long size = Math.abs((long) length);
        if (size == 0 || size > n - i) {
          return null;
        }
        for (int k = 0; k < size; k++) {
          rows[i++] = first + step * k;
        }
      }
      return i == n ? rows : null;
    }

    int[] order(int n) throws IOException {
      int[] rows = new int[n];
      for (int i = 0; i < n; ) {
        need(Integer.BYTES);
        int k = Math.min(n - i, buf.remaining() / Integer.BYTES);
        buf.asIntBuffer().get(rows, i, k);
        consume(k * Integer.BYTES);
        i += k;
      }
      return rows;
    }

    /** One more than the largest code of the column {@link #codes} read last. */
    int lastCodeEnd;

    /**
     * A column written by {@link Out#codes}, read a chunk at a time straight into its arrays; null
     * when it holds dictionary {@code codes} and one is negative.
     */
    CodeColumn codes(int n, boolean codes) throws IOException {
      int w = getInt();
      if (w != 1 && w != 2 && w != 4) {
        return null;
      }
      int end = 0;
      int chunks = (n + LongColumn.MASK) >>> LongColumn.SHIFT;
      byte[][] bytes = new byte[w == 1 ? chunks : 0][];
      short[][] shorts = new short[w == 2 ? chunks : 0][];
      int[][] ints = new int[w == 4 ? chunks : 0][];
      for (int c = 0; c < chunks; c++) {
        int k = Math.min(LongColumn.CHUNK, n - c * LongColumn.CHUNK);
        need(k * w);
        int at = buf.position();
        int max = 0;
        int min = 0;
        switch (w) {
          case 1 -> {
            byte[] a = bytes[c] = new byte[k];
            buf.get(a);
            buf.position(at);
            for (byte v : a) {
              max = Math.max(max, v & 0xFF);
            }
          }
          case 2 -> {
            short[] a = shorts[c] = new short[k];
            buf.asShortBuffer().get(a);
            for (short v : a) {
              max = Math.max(max, v & 0xFFFF);
            }
          }
          default -> {
            int[] a = ints[c] = new int[k];
            buf.asIntBuffer().get(a);
            for (int v : a) {
              max = Math.max(max, v);
              min = Math.min(min, v);
            }
          }
        }
        consume(k * w);
        if (codes && min < 0) {
          return null;
        }
        end = Math.max(end, max + 1);
      }
      lastCodeEnd = end;
      return CodeColumn.loaded(w, bytes, shorts, ints);
    }

    private void consume(int bytes) {
      crc.update(buf.array(), buf.position(), bytes);
      buf.position(buf.position() + bytes);
      consumed += bytes;
    }
  }
}
