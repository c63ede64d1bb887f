package dev.auditdesk.export;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Text of a file people hand us, decoded without giving up: UTF-8 unless a byte-order mark (or the
 * zero bytes of ASCII text) says UTF-16, the mark itself skipped. Bytes that are not valid in that
 * encoding become U+FFFD and are reported once per line, with the line and the byte offset of the
 * first one, so one bad byte never aborts an import. Streams: memory holds one buffer, whatever the
 * file size or line length.
 */
final class LenientTextReader extends Reader {

  /** Hears about bytes that could not be decoded: where the first was, and how many places. */
  interface BadBytes {
    void at(long line, long byteOffset, String firstBytes, int places, Charset charset);
  }

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final Charset charset;
  private final CharsetDecoder decoder;
  private final BadBytes bad;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
  private long bytesBase;
  private boolean eof;
  private boolean flushed;
  private long line = 1;
  private boolean lineDone;

  private long badLine = -1;
  private long badOffset;
  private String badFirst;
  private int badPlaces;

  private LenientTextReader(InputStream in, Charset charset, int bomLength, BadBytes bad) {
    this.in = in;
    this.charset = charset;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.bad = bad;
    this.bytesBase = bomLength;
  }

  /** Opens {@code raw}, recognising its encoding from its first bytes. */
  static LenientTextReader open(InputStream raw, BadBytes bad) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    int b0 = head.length > 0 ? head[0] & 0xff : -1;
    int b1 = head.length > 1 ? head[1] & 0xff : -1;
    int b2 = head.length > 2 ? head[2] & 0xff : -1;
    Charset cs = StandardCharsets.UTF_8;
    int bom = 0;
    if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
      bom = 3;
    } else if (b0 == 0xfe && b1 == 0xff) {
      cs = StandardCharsets.UTF_16BE;
      bom = 2;
    } else if (b0 == 0xff && b1 == 0xfe) {
      cs = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (b0 > 0 && b0 < 0x80 && b1 == 0) {
      cs = StandardCharsets.UTF_16LE; // ASCII text in UTF-16 without a mark: "{\0"
    } else if (b0 == 0 && b1 > 0 && b1 < 0x80) {
      cs = StandardCharsets.UTF_16BE;
    }
    in.skipNBytes(bom);
    return new LenientTextReader(in, cs, bom, bad);
  }

  Charset charset() {
    return charset;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  @Override
  public int read() throws IOException {
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    return chars.get();
  }

  /** Decodes the next piece into {@code chars}; false at the end of the file. */
  private boolean fill() throws IOException {
    chars.clear();
    // One place is always left for a U+FFFD.
    chars.limit(chars.capacity() - 1);
    while (chars.position() == 0) {
      if (flushed) {
        chars.flip();
        return false;
      }
      int before = chars.position();
      CoderResult r = decoder.decode(bytes, chars, eof);
      countLines(before, chars.position());
      if (r.isError()) {
        badBytes(r.length());
        chars.limit(chars.capacity());
        chars.put('\uFFFD');
        chars.limit(chars.capacity() - 1);
      } else if (r.isUnderflow()) {
        if (eof) {
          before = chars.position();
          decoder.flush(chars);
          countLines(before, chars.position());
          flushed = true;
          reportBadBytes();
        } else {
          refill();
        }
      }
    }
    chars.flip();
    return true;
  }

  private void refill() throws IOException {
    bytesBase += bytes.position();
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      if (chars.get(i) == '\n') {
        if (badLine >= 0) {
          reportBadBytes();
        }
        line++;
      }
    }
  }

  private void badBytes(int length) {
    long offset = bytesBase + bytes.position();
    int shown = Math.min(length, 4);
    byte[] b = new byte[shown];
    bytes.get(bytes.position(), b);
    bytes.position(bytes.position() + length);
    if (badLine == line) {
      badPlaces++;
      return;
    }
    reportBadBytes();
    badLine = line;
    badOffset = offset;
    badFirst = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(b);
    badPlaces = 1;
  }

  private void reportBadBytes() {
    if (badLine >= 0) {
      bad.at(badLine, badOffset, badFirst, badPlaces, charset);
      badLine = -1;
    }
  }

  /**
   * The rest of the current line as a reader of its own: it ends at the line break (which it
   * consumes), so a parser over it reads one line of any length without holding it whole. Closing
   * it closes nothing.
   */
  Reader restOfLine() {
    lineDone = false;
    return lineView;
  }

  /** Reads past the end of the current line, if the last view did not reach it. */
  void skipRestOfLine() throws IOException {
    char[] scratch = new char[4096];
    while (lineView.read(scratch, 0, scratch.length) >= 0) {
      // discarded
    }
  }

  /** True while there is text left to read. */
  boolean hasMore() throws IOException {
    return chars.hasRemaining() || fill();
  }

  private final Reader lineView =
      new Reader() {
        @Override
        public int read(char[] buf, int off, int len) throws IOException {
          if (lineDone || len == 0) {
            return lineDone ? -1 : 0;
          }
          if (!chars.hasRemaining() && !fill()) {
            lineDone = true;
            return -1;
          }
          int start = chars.position();
          int end = Math.min(chars.limit(), start + len);
          for (int i = start; i < end; i++) {
            if (chars.get(i) == '\n') {
              chars.get(buf, off, i - start);
              chars.get(); // the line break
              lineDone = true;
              return i == start ? -1 : i - start;
            }
          }
          chars.get(buf, off, end - start);
          return end - start;
        }

        @Override
        public void close() {
          // The file stays open for the next line.
        }
      };

  @Override
  public void close() throws IOException {
    in.close();
  }
}
