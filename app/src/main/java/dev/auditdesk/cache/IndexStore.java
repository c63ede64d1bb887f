package dev.auditdesk.cache;

import dev.auditdesk.DaemonThreads;
import dev.auditdesk.MemoryShortage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the column index at open and saves it beside the H2 file: the index file ({@link
 * IndexFile}) holds the columns of the first rows, H2's meta table names it by a random stamp, and
 * rows after it (or all rows, when there is no usable file) are read from H2. A changed event
 * unnames the file in the same commit ({@link #STAMP}), so a file never describes rows it does not.
 */
final class IndexStore {

  private static final Logger LOG = LoggerFactory.getLogger(IndexStore.class);

  /** The meta key naming the index file that matches H2. */
  static final String STAMP = "index.stamp";

  private final Path folder;
  private final CacheDatabase db;
  private final ColumnIndex index;
  private final IdKeys ids;

  /** Rows covered by the index file whose stamp H2 holds; -1 when there is none. */
  private int fileRows = -1;

  private int rowsReadFromFile;

  /**
   * Whether the named index file is of this version and holds the dictionaries H2 holds (checked),
   * or none for an encrypted cache: else the next save writes it again, though it covers every row.
   */
  private boolean fileIsLatest;

  private int valuesReadFromFile;

  /** The index file being read, started before H2 opens ({@link #startReading}). */
  private FutureTask<IndexFile.Columns> reading;

  private CompletableFuture<IndexFile.SavedDictionaries> savedValues;

  IndexStore(Path folder, CacheDatabase db, ColumnIndex index, IdKeys ids) {
    this.folder = folder;
    this.db = db;
    this.index = index;
    this.ids = ids;
  }

  /** Rows covered by the named index file; -1 when H2 names none. */
  int fileRows() {
    return fileRows;
  }

  /** How many rows the last open took from the index file instead of H2. */
  int rowsReadFromFile() {
    return rowsReadFromFile;
  }

  /** How many dictionary values the last open took from the index file instead of H2. */
  int valuesReadFromFile() {
    return valuesReadFromFile;
  }

  /** The index file no longer matches H2 (an event changed and the stamp was deleted). */
  void forget() {
    fileRows = -1;
  }

  /**
   * Fills the column index: from the index file when H2 names its stamp and it reads back whole,
   * then from H2 for the rows after it.
   */
  void load(String stamp) throws SQLException {
    long started = System.nanoTime();
    long wanted = parse(stamp);
    if (reading == null) {
      startReading();
    }
    FutureTask<IndexFile.Columns> file = reading;
    reading = null; // a refused file's columns must not stay reachable from here
    noteSize();
    long counted = System.nanoTime();
    Dictionary[] fromFile = dictionariesFromFile(file, savedValues, wanted);
    savedValues = null;
    if (fromFile == null) {
      loadDictionaries();
    }
    long dictsDone = System.nanoTime();
    int from = 0;
    IndexFile.Columns saved = checked(file, wanted, fromFile);
    if (saved == null && fromFile != null) {
      // The columns were unusable, so the dictionaries that came with them are not trusted either.
      useH2Dictionaries();
    }
    if (saved != null) {
      index.load(saved);
      if (!db.readOnly) { // only writes look ids up, and the first one fills them in
        ids.defer(saved.n());
      }
      from = saved.n();
      fileRows = from;
      rowsReadFromFile = from;
      // An encrypted cache's file holds no names (IndexFile.write); one saved before the cache was
      // encrypted does, and is saved again without them.
      fileIsLatest =
          fromFile != null && saved.latest() && db.encrypted() == (valuesReadFromFile == 0);
    }
    long fileDone = System.nanoTime();
    try (PreparedStatement s =
        db.writer()
            .prepareStatement(
                db.schema() >= JsonPacking.SINCE
                    ? EventTable.INDEX_ROWS
                    : EventTable.INDEX_ROWS_TEXT)) {
      s.setFetchSize(10_000);
      s.setLong(1, from);
      try (ResultSet r = s.executeQuery()) {
        EventTable.IndexRows rows = new EventTable.IndexRows(r);
        while (r.next()) {
          long rk = rows.rk();
          if (rk != index.size()) {
            throw new SQLException(
                "row keys are not contiguous at " + rk, "XX000", CacheErrors.ERROR_GAP);
          }
          long idHash = EventCodec.hash64(rows.id());
          index.append(rows.row(idHash));
          if (!db.readOnly) {
            ids.add(idHash, (int) rk);
          }
        }
      }
    }
    long tailDone = System.nanoTime();
    index.publish();
    index.snapshot().byTime();
    LOG.info(
        "Opened cache {} with {} events in {} ms (count {} ms, dictionaries {} ms with {} values"
            + " from the file, {} rows from {} {} ms later, {} rows from H2 in {} ms, time order {}"
            + " ms)",
        db.dbFile,
        index.size(),
        ms(System.nanoTime() - started),
        ms(counted - started),
        ms(dictsDone - counted),
        valuesReadFromFile,
        from,
        IndexFile.NAME,
        ms(fileDone - dictsDone),
        index.size() - from,
        ms(tailDone - fileDone),
        ms(System.nanoTime() - tailDone));
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** Tells {@link MemoryShortage} how many events are coming, before the columns are built. */
  private void noteSize() throws SQLException {
    try (Statement s = db.writer().createStatement();
        ResultSet r = s.executeQuery(EventTable.ROW_COUNT)) {
      if (r.next()) {
        MemoryShortage.noteEvents(r.getLong(1));
      }
    }
  }

  /**
   * Reads the dictionaries in table order (an ORDER BY would walk the key index and cost a row
   * lookup per value: a second for a million-event cache) and places each value at its code.
   */
  private void loadDictionaries() throws SQLException {
    String[][] values = new String[IndexedColumn.COUNT][1024];
    int[] counts = new int[IndexedColumn.COUNT];
    int[] columnOfKind =
        new int[IndexedColumn.stream().mapToInt(c -> c.dictKind).max().orElse(0) + 1];
    Arrays.fill(columnOfKind, -1);
    for (IndexedColumn c : IndexedColumn.values()) {
      columnOfKind[c.dictKind] = c.ordinal();
    }
    try (Statement s = db.writer().createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet r = s.executeQuery(EventTable.DICT_ALL)) {
        while (r.next()) {
          int dictKind = r.getInt(1);
          int col = dictKind >= 0 && dictKind < columnOfKind.length ? columnOfKind[dictKind] : -1;
          if (col < 0) {
            continue;
          }
          int code = r.getInt(2);
          if (code >= values[col].length) {
            values[col] = Arrays.copyOf(values[col], Math.max(code + 1, values[col].length * 2));
          }
          values[col][code] = r.getString(3);
          counts[col] = Math.max(counts[col], code + 1);
        }
      }
    }
    for (int c = 0; c < IndexedColumn.COUNT; c++) {
      index.dicts[c].loadAll(values[c], counts[c]);
    }
  }

  /**
   * The dictionaries saved in the index file with the values H2 committed after it (read by key
   * range from code {@code saved - 1}, whose value must match the file's), built but not installed;
   * null when the file has none or disagrees with H2 (then they come from H2 as before).
   */
  private Dictionary[] dictionariesFromFile(
      FutureTask<IndexFile.Columns> reading,
      CompletableFuture<IndexFile.SavedDictionaries> savedValues,
      long stamp)
      throws SQLException {
    IndexFile.SavedDictionaries file;
    try {
      file = savedValues.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading " + IndexFile.NAME, "HY008", e);
    } catch (ExecutionException e) {
      return null;
    }
    if (file == null || file.stamp() != stamp || stamp == 0) {
      reading.cancel(true); // a file H2 does not name is of no use: do not read the rest
      return null;
    }
    if (file.values() == null) {
      return null; // an older file: its columns, the dictionaries from H2
    }
    String[][] values = file.values();
    Dictionary[] dicts = new Dictionary[IndexedColumn.COUNT];
    int fromFile = 0;
    try (PreparedStatement p = db.writer().prepareStatement(EventTable.DICT_FROM)) {
      for (IndexedColumn col : IndexedColumn.values()) {
        String[] saved = values[col.ordinal()];
        int k = saved.length;
        String[] v = saved;
        int count = k;
        boolean lastSeen = k == 0 || saved[k - 1] == null;
        p.setInt(1, col.dictKind);
        p.setInt(2, Math.max(0, k - 1));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            int code = r.getInt(1);
            String value = r.getString(2);
            if (code < k) {
              if (code != k - 1 || !value.equals(saved[k - 1])) {
                return disagrees(col);
              }
              lastSeen = true;
              continue;
            }
            if (code >= v.length) {
              v = Arrays.copyOf(v, Math.max(code + 1, v.length + (v.length >> 1) + 16));
            }
            v[code] = value;
            count = code + 1;
          }
        }
        if (!lastSeen) {
          return disagrees(col);
        }
        dicts[col.ordinal()] = new Dictionary();
        dicts[col.ordinal()].loadAll(v, count);
        values[col.ordinal()] = null; // held once, by its dictionary
        fromFile += k;
      }
    }
    valuesReadFromFile = fromFile;
    return dicts;
  }

  private Dictionary[] disagrees(IndexedColumn col) {
    LOG.info(
        "The {} dictionary in the index file of {} does not match H2; reading it from H2",
        col,
        db.dbFile);
    return null;
  }

  /** Empties the dictionaries and fills them from H2 (a saved file turned out unusable). */
  private void useH2Dictionaries() throws SQLException {
    for (int c = 0; c < IndexedColumn.COUNT; c++) {
      index.dicts[c] = new Dictionary();
    }
    valuesReadFromFile = 0;
    loadDictionaries();
  }

  /**
   * Starts reading the index file on a thread of its own, before H2 is open (0.3–2 s at ten million
   * events): which stamp H2 names is only known later, and checked before anything is used. Its
   * dictionaries complete {@link #savedValues} (with null when it has none) before its columns.
   */
  void startReading() {
    CompletableFuture<IndexFile.SavedDictionaries> values = new CompletableFuture<>();
    Path file = folder.resolve(IndexFile.NAME);
    FutureTask<IndexFile.Columns> task =
        new FutureTask<>(
            () -> {
              try {
                return IndexFile.read(file, values::complete);
              } finally {
                values.complete(null); // no dictionaries in the file: they come from H2
              }
            });
    savedValues = values;
    reading = task;
    DaemonThreads.start("auditdesk-index-file", task);
  }

  /** Stops reading the index file (the open failed). */
  void stopReading() {
    if (reading != null) {
      reading.cancel(true);
    }
  }

  private static long parse(String stamp) {
    try {
      return stamp == null ? 0 : Long.parseLong(stamp);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The saved columns when they agree with H2 (last row, dictionary sizes), else null. Installs
   * {@code fromFile}, the dictionaries read with them, once the checksum has passed.
   */
  private IndexFile.Columns checked(
      FutureTask<IndexFile.Columns> file, long stamp, Dictionary[] fromFile) throws SQLException {
    IndexFile.Columns c;
    try {
      c = file.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading " + IndexFile.NAME, "HY008", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutOfMemoryError oom) {
        throw oom;
      }
      return null; // a file that cannot be read is only a shortcut lost
    } catch (CancellationException e) {
      return null; // H2 named another file
    }
    if (c == null || c.n() == 0 || stamp == 0 || c.stamp() != stamp) {
      return null;
    }
    if (fromFile != null) {
      System.arraycopy(fromFile, 0, index.dicts, 0, IndexedColumn.COUNT);
    }
    int[] sizes = new int[IndexedColumn.COUNT];
    for (int col = 0; col < IndexedColumn.COUNT; col++) {
      sizes[col] = index.dicts[col].size();
    }
    if (!c.codesWithin(sizes)) {
      return null;
    }
    Connection w = db.writer();
    try (PreparedStatement p = w.prepareStatement(EventTable.LAST_ROW_KEYS)) {
      p.setLong(1, c.n() - 1L);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()
            || r.getLong(1) != c.time().get(c.n() - 1)
            || r.getLong(2) != c.idKey().get(c.n() - 1)) {
          LOG.info("The index file of {} does not match it; rebuilding the index", db.dbFile);
          return null;
        }
      }
    }
    return c;
  }

  /**
   * Saves the column index beside the H2 file so the next open is quick. Called under the write
   * lock with everything committed; a failure only costs the next open its shortcut.
   */
  void save() {
    Snapshot s = index.snapshot();
    if (db.readOnly || db.closed() || s.n == 0 || (s.n == fileRows && fileIsLatest)) {
      return;
    }
    long stamp = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    long started = System.nanoTime();
    try {
      IndexFile.write(folder.resolve(IndexFile.NAME), s, index.dicts, stamp, !db.encrypted());
      db.writeMeta(Map.of(STAMP, Long.toString(stamp)));
      db.commit();
      fileRows = s.n;
      fileIsLatest = true;
      LOG.debug(
          "Wrote the index file of {} ({} rows) in {} ms",
          db.dbFile,
          s.n,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | SQLException e) {
      db.rollbackQuietly();
      LOG.warn("Could not save the index file of {}; the next open rebuilds it", db.dbFile, e);
    }
  }
}
