package dev.auditdesk.cache;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an event's JSON is kept in the {@code event.body} column: compressed with zstd against a
 * dictionary trained on the cache's own events, so the ~1.1 KB an event of a Coder deployment takes
 * as text becomes ~200 bytes (docs/CACHE.md, "Event bodies"). Each body starts with one byte, the
 * dictionary it was packed with (0: none), then a zstd frame without its magic number and
 * dictionary id (both known here), which records the text's length.
 *
 * <p>Dictionaries live in the {@code json_dict} table and are never changed or removed: the first
 * is trained when the cache first holds {@link #TRAIN_AT} events, and every body names its own. The
 * writer packs (under the cache's write lock); any thread unpacks. A body that does not unpack (a
 * damaged or edited file) reads as the empty text, which no event's hash matches: the hash chain
 * reports the row as changed and the table still shows it from its columns.
 */
final class JsonPacking implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JsonPacking.class);

  /** The schema version that packs the events' JSON. */
  static final int SINCE = 10;

  /** Events the cache holds before its dictionary is trained from them. */
  static final int TRAIN_AT = 1_000;

  /** At most this many events are read to train the dictionary. */
  static final int TRAIN_SAMPLES = 4_000;

  static final int DICT_BYTES = 64 * 1024;
  static final int LEVEL = 3;

  /** Larger than any event Coder sends; a body claiming more is damaged, not unpacked. */
  static final int MAX_TEXT = 64 * 1024 * 1024;

  static final String SELECT_DICTS = "SELECT id, dict FROM json_dict ORDER BY id";
  static final String INSERT_DICT =
      "INSERT INTO json_dict(id, dict, samples, made_at) VALUES(?, ?, ?, CURRENT_TIMESTAMP)";

  private final Map<Integer, Unpacker> unpackers = new ConcurrentHashMap<>();

  /** The dictionary new bodies use: committed, or trained in a write not yet committed. */
  private Packer packer;

  private Packer committed;

  /** No dictionary yet: {@link #load} reads the file's. */
  JsonPacking() {
    unpackers.put(0, new Unpacker(null));
    packer = committed = new Packer(0, null);
  }

  /**
   * A packing for a cache about to open; a zstd library that cannot be loaded is a plain refusal.
   * zstd-jni copies its native library to the temporary folder and loads it from there, which a
   * folder mounted {@code noexec} (or one that is missing or full) refuses.
   */
  static JsonPacking forCache() throws CacheException {
    try {
      return new JsonPacking();
    } catch (LinkageError e) {
      String folder = System.getProperty("ZstdTempFolder", System.getProperty("java.io.tmpdir"));
      throw new CacheException(
          CacheException.Problem.IO,
          "AuditDesk could not load zstd, the library that packs the events in its caches ("
              + e.getMessage()
              + "). It copies that library to the temporary folder "
              + folder
              + " and runs it from there; a missing or full folder, or one mounted noexec, refuses"
              + " that. Start AuditDesk with -DZstdTempFolder=DIR naming a folder of yours that"
              + " allows running programs, e.g. JAVA_TOOL_OPTIONS=-DZstdTempFolder=$HOME/.cache."
              + " Nothing in the cache was changed.",
          e);
    }
  }

  /** The dictionaries of the file {@code c} is connected to. */
  static JsonPacking of(Connection c) throws SQLException {
    JsonPacking p = new JsonPacking();
    p.load(c);
    return p;
  }

  /** Reads the dictionaries the file holds (none before migration 10 or before training). */
  void load(Connection c) throws SQLException {
    if (!Migrations.hasTable(c, "JSON_DICT")) {
      return;
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(SELECT_DICTS)) {
      while (r.next()) {
        if (!unpackers.containsKey(r.getInt(1))) {
          add(r.getInt(1), r.getBytes(2));
        }
      }
    }
    committed = packer;
  }

  private void add(int id, byte[] dict) {
    unpackers.put(id, new Unpacker(new ZstdDictDecompress(dict)));
    packer = new Packer(id, new ZstdDictCompress(dict, LEVEL));
  }

  /** True until the cache's dictionary is trained. */
  boolean untrained() {
    return packer.id == 0;
  }

  /**
   * Trains the dictionary from {@code samples} (UTF-8 JSON) and records it in the writer's open
   * transaction; kept only if the transaction commits ({@link #committed()}). A sample set zstd
   * cannot train from leaves the cache untrained: bodies are packed without a dictionary, and the
   * next write tries again.
   */
  void train(Connection w, List<byte[]> samples) throws SQLException {
    if (!untrained() || samples.isEmpty()) {
      return;
    }
    long total = 0;
    for (byte[] s : samples) {
      total += s.length;
    }
    byte[] dict;
    try {
      ZstdDictTrainer t =
          new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, total), DICT_BYTES);
      for (byte[] s : samples) {
        t.addSample(s);
      }
      dict = t.trainSamples();
    } catch (ZstdException e) {
      LOG.info(
          "No dictionary from {} events yet ({}); packing without one",
          samples.size(),
          e.getMessage());
      return;
    }
    int id = unpackers.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    try (PreparedStatement p = w.prepareStatement(INSERT_DICT)) {
      p.setInt(1, id);
      p.setBytes(2, dict);
      p.setInt(3, samples.size());
      p.executeUpdate();
    }
    add(id, dict);
    LOG.info(
        "Trained JSON dictionary {} ({} bytes) from {} events", id, dict.length, samples.size());
  }

  /**
   * Trains the file's dictionary from up to {@link #TRAIN_SAMPLES} of its {@code count} events held
   * as text, spread over the file (migration 10), and commits it.
   */
  void trainFromText(Connection c, long count) throws SQLException {
    if (!untrained() || count < TRAIN_AT) {
      return;
    }
    List<byte[]> samples = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement("SELECT raw FROM event WHERE MOD(rk, ?) = 0 LIMIT ?")) {
      p.setLong(1, Math.max(1, count / TRAIN_SAMPLES));
      p.setInt(2, TRAIN_SAMPLES);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          samples.add(r.getString(1).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    train(c, samples);
    c.commit();
    committed();
  }

  /** The transaction that trained a dictionary committed: it stays. */
  void committed() {
    committed = packer;
  }

  /** The transaction that trained a dictionary rolled back: bodies go on without it. */
  void rolledBack() {
    if (packer != committed) {
      unpackers.remove(packer.id);
      packer = committed;
    }
  }

  /** The body of one event's JSON. Writer only. */
  byte[] pack(byte[] utf8) {
    return packer.pack(utf8);
  }

  /** The JSON of a body; the empty text when it does not unpack; null for null. Any thread. */
  String unpack(byte[] body) {
    if (body == null) {
      return null;
    }
    if (body.length < 2) {
      return "";
    }
    Unpacker u = unpackers.get(body[0] & 0xff);
    if (u == null) {
      return "";
    }
    return u.unpack(body);
  }

  /** Frees the idle native contexts; one a reader holds at this moment is left to the collector. */
  @Override
  public void close() {
    unpackers.values().forEach(Unpacker::close);
  }

  /** The writer's compression context for one dictionary. */
  private static final class Packer {
    final int id;
    final ZstdCompressCtx ctx = new ZstdCompressCtx();

    Packer(int id, ZstdDictCompress dict) {
      this.id = id;
      ctx.setLevel(LEVEL).setMagicless(true).setDictID(false).setContentSize(true);
      if (dict != null) {
        ctx.loadDict(dict);
      }
    }

    byte[] pack(byte[] utf8) {
      byte[] frame = ctx.compress(utf8);
      byte[] body = new byte[frame.length + 1];
      body[0] = (byte) id;
      System.arraycopy(frame, 0, body, 1, frame.length);
      return body;
    }
  }

  /** Decompression contexts of one dictionary, one per reading thread at a time. */
  private static final class Unpacker {
    final ZstdDictDecompress dict;
    final ConcurrentLinkedQueue<ZstdDecompressCtx> idle = new ConcurrentLinkedQueue<>();

    Unpacker(ZstdDictDecompress dict) {
      this.dict = dict;
    }

    String unpack(byte[] body) {
      ZstdDecompressCtx ctx = idle.poll();
      if (ctx == null) {
        ctx = new ZstdDecompressCtx().setMagicless(true);
        if (dict != null) {
          ctx.loadDict(dict);
        }
      }
      try {
        long size = Zstd.getFrameContentSize(body, 1, body.length - 1, true);
        if (size < 0 || size > MAX_TEXT) {
          return "";
        }
        byte[] text = ctx.decompress(body, 1, body.length - 1, (int) size);
        return new String(text, StandardCharsets.UTF_8);
      } catch (ZstdException | IllegalArgumentException e) {
        ctx.reset();
        return "";
      } finally {
        idle.add(ctx);
      }
    }

    void close() {
      List<ZstdDecompressCtx> all = new ArrayList<>();
      for (ZstdDecompressCtx c; (c = idle.poll()) != null; ) {
        all.add(c);
      }
      all.forEach(ZstdDecompressCtx::close);
    }
  }
}
