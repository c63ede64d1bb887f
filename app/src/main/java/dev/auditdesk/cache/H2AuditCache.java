package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.model.Actor;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.Organization;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AuditCache} of one deployment: an H2 file holding every event (its original JSON plus
 * dictionary-encoded filter columns) and a {@link ColumnIndex} in memory that answers counts,
 * facets, histograms and page positions. Open one with {@link CacheStore#open}.
 */
public final class H2AuditCache implements AuditCache {

  private static final Logger LOG = LoggerFactory.getLogger(H2AuditCache.class);

  static final String DB_NAME = "cache";
  private static final int READERS = 3;
  private static final int FETCH_CHUNK = 1_000;
  private static final String INDEX_STAMP = "index.stamp";

  /** Rows added since the index file was written that make writing it again worthwhile. */
  private static final int INDEX_FILE_EVERY = 20_000;

  private static final String COLUMNS =
      "rk, id, time_us, id_key, request_key, resource_key, status, action, resource_type,"
          + " resource_target, actor, org, ip, build_reason, description, content_hash, raw";

  private final Path folder;
  private final Path dbFile;
  private final boolean readOnly;
  private final Path snapshotCopy;
  private final String url;
  private volatile Deployment deployment;
  private Connection writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final ColumnIndex index = new ColumnIndex();
  private final IdKeys ids = new IdKeys();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile SyncState syncState = SyncState.NEVER;
  private volatile java.util.NavigableMap<java.time.LocalDate, dev.auditdesk.model.DayCheck>
      dayChecks = new java.util.TreeMap<>();
  private volatile boolean closed;

  /** Rows covered by the index file whose stamp H2 holds; -1 when there is none. */
  private int indexFileRows = -1;

  private int rowsReadFromIndexFile;

  /** Rows when the cache was opened: a session that added many compacts the file at close. */
  private int rowsAtOpen;

  /** Added rows that make compacting at close worthwhile (a large first sync leaves ~2x space). */
  static final int COMPACT_AT_CLOSE = 200_000;

  int compactAtClose = COMPACT_AT_CLOSE;

  private final Runnable onClose;

  H2AuditCache(
      Path folder,
      Deployment deployment,
      boolean readOnly,
      Path dbBase,
      Path snapshotCopy,
      Runnable onClose)
      throws CacheException {
    this.folder = folder;
    this.dbFile = Path.of(dbBase + ".mv.db");
    this.readOnly = readOnly;
    this.snapshotCopy = snapshotCopy;
    this.onClose = onClose;
    this.url =
        // "retry:" reopens the file when a thread is interrupted mid-read (a cancelled UI task);
        // plain file access would close the channel and break the cache for everyone.
        "jdbc:h2:retry:"
            + dbBase.toAbsolutePath()
            // RETENTION_TIME=0 lets MVStore reuse space at once (a 1M-event load bloats 2x
            // without it); a killed process still loses nothing committed.
            + ";RETENTION_TIME=0;COMPRESS=TRUE"
            // Rows are fetched by key for pages; a repeated fetch must read, not replay a result.
            + ";OPTIMIZE_REUSE_RESULTS=FALSE"
            + (readOnly ? ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE" : "");
    try {
      if (!readOnly && UpgradeBackup.restoreIfInterrupted(dbFile)) {
        LOG.warn("An upgrade of {} was interrupted; starting it again", dbFile);
      }
      writer = connect();
      if (!readOnly) {
        int version = Migrations.current(writer);
        if (version > Migrations.latest()) {
          throw newer(version);
        }
        boolean upgrade = version > 0 && version < Migrations.latest();
        if (upgrade) {
          writer.close(); // the last connection: H2 closes the file, so the copy is whole
          UpgradeBackup.take(dbFile);
          writer = connect();
        }
        Migrations.apply(writer, Migrations.latest());
        if (upgrade) {
          try (Statement s = writer.createStatement()) {
            s.execute("CHECKPOINT");
          }
          UpgradeBackup.drop(dbFile);
        }
      } else {
        int version = Migrations.current(writer);
        if (version > Migrations.latest()) {
          throw newer(version);
        }
        if (version == 0) {
          throw new CacheException(
              CacheException.Problem.CORRUPT,
              "The cache file "
                  + dbFile
                  + " holds no AuditDesk cache. Move it aside and sync again.",
              null);
        }
      }
      writer.setAutoCommit(false);
      for (int i = 0; i < READERS; i++) {
        readers.add(connect());
      }
      Map<String, String> meta = readMeta();
      this.deployment = reconcile(deployment, meta);
      this.syncState = SyncStateCodec.read(meta);
      this.dayChecks =
          Migrations.current(writer) >= 5
              ? DayCheckStore.read(writer)
              : new java.util.TreeMap<>(); // an older file opened read-only has no record yet
      load(meta.get(INDEX_STAMP));
      rowsAtOpen = index.size();
      if (!readOnly) {
        writeMeta(Map.of("deployment.url", this.deployment.url().toString()));
        if (!this.deployment.deploymentId().isEmpty()) {
          writeMeta(Map.of("deployment.id", this.deployment.deploymentId()));
        }
        writer.commit();
      }
    } catch (SQLException e) {
      closeQuietly();
      throw CacheStore.translate(e, dbFile, readOnly);
    } catch (IOException e) {
      closeQuietly();
      throw new CacheException(
          CacheException.Problem.IO,
          "Could not keep a copy of the cache file "
              + dbFile
              + " while upgrading it ("
              + e.getMessage()
              + "). Free some disk space and open it again.",
          e);
    } catch (CacheException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  private CacheException newer(int version) {
    return new CacheException(
        CacheException.Problem.NEWER_VERSION,
        "The cache file "
            + dbFile
            + " was written by a newer AuditDesk (cache format "
            + version
            + ", this version reads up to "
            + Migrations.latest()
            + "). Update AuditDesk, or move the file aside and sync again.",
        null);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  private static Deployment reconcile(Deployment asked, Map<String, String> meta) {
    String id = asked.deploymentId();
    if (id.isEmpty()) {
      id = meta.getOrDefault("deployment.id", "");
    }
    return new Deployment(asked.url(), id);
  }

  /**
   * Fills the column index: from the index file when H2 names its stamp and it reads back whole,
   * then from H2 for the rows after it (all rows when there is no usable file).
   */
  private void load(String stamp) throws SQLException {
    long started = System.nanoTime();
    loadDictionaries();
    int from = 0;
    IndexFile.Columns saved = stamp == null ? null : readIndexFile(stamp);
    if (saved != null) {
      index.load(saved);
      for (int row = 0; row < saved.n(); row++) {
        ids.add(saved.idHash()[row], row);
      }
      from = saved.n();
      indexFileRows = from;
      rowsReadFromIndexFile = from;
    }
    long fileDone = System.nanoTime();
    try (PreparedStatement s =
        writer.prepareStatement(
            "SELECT rk, time_us, id_key, request_key, resource_key, status, action,"
                + " resource_type, resource_target, actor, org, ip, build_reason, description, id"
                + " FROM event WHERE rk >= ? ORDER BY rk")) {
      s.setFetchSize(10_000);
      s.setLong(1, from);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long rk = r.getLong(1);
          if (rk != index.size()) {
            throw new SQLException(
                "row keys are not contiguous at " + rk, "XX000", CacheStore.ERROR_GAP);
          }
          int[] codes = new int[ColumnIndex.COLUMNS];
          for (int c = 0; c < ColumnIndex.COLUMNS; c++) {
            codes[c] = r.getInt(7 + c);
          }
          long idHash = EventCodec.hash64(r.getString(7 + ColumnIndex.COLUMNS));
          index.append(
              new ColumnIndex.Row(
                  r.getLong(2),
                  r.getLong(3),
                  idHash,
                  r.getLong(4),
                  r.getLong(5),
                  r.getInt(6),
                  codes));
          ids.add(idHash, (int) rk);
        }
      }
    }
    index.publish();
    index.snapshot().byTime();
    LOG.info(
        "Opened cache {} with {} events in {} ms ({} rows from {} in {} ms)",
        dbFile,
        index.size(),
        (System.nanoTime() - started) / 1_000_000,
        from,
        IndexFile.NAME,
        (fileDone - started) / 1_000_000);
  }

  /**
   * Reads the dictionaries in table order (an ORDER BY would walk the key index and cost a row
   * lookup per value: a second for a million-event cache) and places each value at its code.
   */
  private void loadDictionaries() throws SQLException {
    String[][] values = new String[ColumnIndex.COLUMNS][1024];
    int[] counts = new int[ColumnIndex.COLUMNS];
    int[] columnOfKind = new int[ColumnIndex.DICT_KIND[ColumnIndex.COLUMNS - 1] + 1];
    Arrays.fill(columnOfKind, -1);
    for (int c = 0; c < ColumnIndex.COLUMNS; c++) {
      columnOfKind[ColumnIndex.DICT_KIND[c]] = c;
    }
    try (Statement s = writer.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet r = s.executeQuery("SELECT kind, code, v FROM dict")) {
        while (r.next()) {
          int dictKind = r.getInt(1);
          int kind = dictKind < columnOfKind.length ? columnOfKind[dictKind] : -1;
          if (kind < 0) {
            continue;
          }
          int code = r.getInt(2);
          if (code >= values[kind].length) {
            values[kind] = Arrays.copyOf(values[kind], Math.max(code + 1, values[kind].length * 2));
          }
          values[kind][code] = r.getString(3);
          counts[kind] = Math.max(counts[kind], code + 1);
        }
      }
    }
    for (int c = 0; c < ColumnIndex.COLUMNS; c++) {
      index.dicts[c].loadAll(values[c], counts[c]);
    }
  }

  /** How many rows the last open took from the index file instead of H2 (for tests). */
  int rowsReadFromIndexFile() {
    return rowsReadFromIndexFile;
  }

  /** Writes the index file now (normally done after a sync and at close). */
  void writeIndexFile() {
    writeLock.lock();
    try {
      writeIndexFileLocked();
    } finally {
      writeLock.unlock();
    }
  }

  /** The saved columns when they agree with H2 (last row, dictionary sizes), else null. */
  private IndexFile.Columns readIndexFile(String stamp) throws SQLException {
    long wanted;
    try {
      wanted = Long.parseLong(stamp);
    } catch (NumberFormatException e) {
      return null;
    }
    IndexFile.Columns c = IndexFile.read(folder.resolve(IndexFile.NAME), wanted);
    if (c == null || c.n() == 0) {
      return null;
    }
    for (int col = 0; col < ColumnIndex.COLUMNS; col++) {
      int limit = index.dicts[col].size();
      int[] codes = c.codes()[col];
      for (int row = 0; row < c.n(); row++) {
        if (codes[row] < 0 || codes[row] >= limit) {
          return null;
        }
      }
    }
    try (PreparedStatement p =
        writer.prepareStatement("SELECT time_us, id_key FROM event WHERE rk = ?")) {
      p.setLong(1, c.n() - 1L);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()
            || r.getLong(1) != c.time()[c.n() - 1]
            || r.getLong(2) != c.idKey()[c.n() - 1]) {
          LOG.info("The index file of {} does not match it; rebuilding the index", dbFile);
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
  private void writeIndexFileLocked() {
    ColumnIndex.Snapshot s = index.snapshot();
    if (readOnly || closed || s.n == 0 || s.n == indexFileRows) {
      return;
    }
    long stamp = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    long started = System.nanoTime();
    try {
      IndexFile.write(folder.resolve(IndexFile.NAME), s, stamp);
      writeMeta(Map.of(INDEX_STAMP, Long.toString(stamp)));
      writer.commit();
      indexFileRows = s.n;
      LOG.debug(
          "Wrote the index file of {} ({} rows) in {} ms",
          dbFile,
          s.n,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | SQLException e) {
      rollbackQuietly();
      LOG.warn("Could not save the index file of {}; the next open rebuilds it", dbFile, e);
    }
  }

  @Override
  public Deployment deployment() {
    return deployment;
  }

  /** The folder holding this cache's files. */
  public Path folder() {
    return folder;
  }

  /** The H2 file, named in every message about this cache. */
  public Path file() {
    return dbFile;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** Records the deployment id once the server told it (buildinfo). */
  public void rememberDeployment(Deployment d, String serverVersion) throws CacheException {
    writeLock.lock();
    try {
      requireWritable();
      Map<String, String> m = new LinkedHashMap<>();
      if (!d.deploymentId().isEmpty()) {
        m.put("deployment.id", d.deploymentId());
        deployment = new Deployment(deployment.url(), d.deploymentId());
      }
      if (serverVersion != null && !serverVersion.isEmpty()) {
        m.put("server.version", serverVersion);
      }
      writeMeta(m);
      writer.commit();
      CacheStore.writeInfo(this);
    } catch (SQLException e) {
      rollbackQuietly();
      throw CacheStore.translate(e, dbFile, readOnly);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public int upsert(Collection<AuditEvent> events) throws CacheException {
    return upsert(events, null);
  }

  /**
   * Upserts events and, in the same transaction, records how far the sync got: after a crash either
   * both are in the file or neither is.
   */
  @Override
  public int upsert(Collection<AuditEvent> events, SyncState after) throws CacheException {
    writeLock.lock();
    try {
      requireWritable();
      return upsertLocked(events, after);
    } finally {
      writeLock.unlock();
    }
  }

  private int upsertLocked(Collection<AuditEvent> events, SyncState after) throws CacheException {
    Map<String, AuditEvent> byId = new LinkedHashMap<>();
    for (AuditEvent e : events) {
      if (e.id().isEmpty()) {
        throw new IllegalArgumentException("An audit event without an id cannot be cached.");
      }
      byId.put(e.id(), e);
    }
    int base = index.size();
    int[] dictBefore = new int[ColumnIndex.COLUMNS];
    for (int c = 0; c < ColumnIndex.COLUMNS; c++) {
      dictBefore[c] = index.dicts[c].size();
    }
    List<ColumnIndex.Row> added = new ArrayList<>();
    List<int[]> changedRows = new ArrayList<>();
    List<ColumnIndex.Row> changed = new ArrayList<>();
    try {
      Map<String, long[]> existing = existing(byId.keySet());
      try (PreparedStatement ins =
              writer.prepareStatement(
                  "INSERT INTO event(" + COLUMNS + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
          PreparedStatement upd =
              writer.prepareStatement(
                  "UPDATE event SET time_us=?, id_key=?, request_key=?, resource_key=?,"
                      + " status=?, action=?, resource_type=?, resource_target=?, actor=?, org=?,"
                      + " ip=?, build_reason=?, description=?, content_hash=?, raw=?"
                      + " WHERE rk=?")) {
        for (AuditEvent e : byId.values()) {
          String json = EventCodec.storedJson(e);
          long hash = EventCodec.hash64(json);
          long[] old = existing.get(e.id());
          if (old != null && old[1] == hash) {
            continue;
          }
          ColumnIndex.Row row = encode(e);
          if (old == null) {
            long rk = base + added.size();
            ins.setLong(1, rk);
            ins.setString(2, e.id());
            bindRow(ins, 3, row);
            ins.setLong(16, hash);
            ins.setString(17, json);
            ins.addBatch();
            added.add(row);
          } else {
            bindRow(upd, 1, row);
            upd.setLong(14, hash);
            upd.setString(15, json);
            upd.setLong(16, old[0]);
            upd.addBatch();
            changedRows.add(new int[] {(int) old[0]});
            changed.add(row);
          }
        }
        if (!added.isEmpty()) {
          ins.executeBatch();
        }
        if (!changed.isEmpty()) {
          upd.executeBatch();
        }
      }
      try (PreparedStatement d = writer.prepareStatement("INSERT INTO dict VALUES(?,?,?)")) {
        boolean any = false;
        for (int c = 0; c < ColumnIndex.COLUMNS; c++) {
          Dictionary dict = index.dicts[c];
          for (int code = dictBefore[c]; code < dict.size(); code++) {
            d.setInt(1, ColumnIndex.DICT_KIND[c]);
            d.setInt(2, code);
            d.setString(3, dict.value(code));
            d.addBatch();
            any = true;
          }
        }
        if (any) {
          d.executeBatch();
        }
      }
      if (after != null) {
        writeMeta(SyncStateCodec.write(after));
      }
      if (!changed.isEmpty() && indexFileRows >= 0) {
        // The index file no longer describes the changed rows: unname it in the same commit.
        try (PreparedStatement d = writer.prepareStatement("DELETE FROM meta WHERE k = ?")) {
          d.setString(1, INDEX_STAMP);
          d.executeUpdate();
        }
      }
      writer.commit();
      if (after != null) {
        checkpointLocked();
      }
    } catch (SQLException e) {
      rollbackQuietly();
      for (Dictionary dict : index.dicts) {
        dict.rollback();
      }
      throw CacheStore.translate(e, dbFile, false);
    } catch (RuntimeException e) {
      rollbackQuietly();
      for (Dictionary dict : index.dicts) {
        dict.rollback();
      }
      throw e;
    }
    for (Dictionary dict : index.dicts) {
      dict.commit();
    }
    if (!changed.isEmpty()) {
      indexFileRows = -1;
    }
    for (ColumnIndex.Row r : added) {
      ids.add(r.idHash(), index.append(r));
    }
    for (int i = 0; i < changed.size(); i++) {
      index.update(changedRows.get(i)[0], changed.get(i));
    }
    if (!added.isEmpty() || !changed.isEmpty()) {
      index.publish();
    }
    if (after != null) {
      syncState = after;
    }
    return added.size();
  }

  private ColumnIndex.Row encode(AuditEvent e) {
    int[] codes = new int[ColumnIndex.COLUMNS];
    Dictionary[] d = index.dicts;
    codes[ColumnIndex.ACTION] = d[ColumnIndex.ACTION].codeOf(e.action());
    codes[ColumnIndex.TYPE] = d[ColumnIndex.TYPE].codeOf(e.resourceType());
    codes[ColumnIndex.TARGET] = d[ColumnIndex.TARGET].codeOf(e.resourceTarget());
    codes[ColumnIndex.ACTOR] = d[ColumnIndex.ACTOR].codeOf(EventCodec.actorKey(e));
    codes[ColumnIndex.ORG] = d[ColumnIndex.ORG].codeOf(EventCodec.orgKey(e));
    codes[ColumnIndex.IP] = d[ColumnIndex.IP].codeOf(e.ip());
    codes[ColumnIndex.REASON] = d[ColumnIndex.REASON].codeOf(e.buildReason());
    codes[ColumnIndex.DESCRIPTION] = d[ColumnIndex.DESCRIPTION].codeOf(e.description());
    return new ColumnIndex.Row(
        ColumnIndex.toMicros(e.time()),
        EventCodec.idKey(e.id()),
        EventCodec.hash64(e.id()),
        e.requestId().isEmpty() ? 0 : EventCodec.hash64(e.requestId()),
        e.resourceId().isEmpty() ? 0 : EventCodec.hash64(e.resourceId()),
        e.statusCode(),
        codes);
  }

  private static void bindRow(PreparedStatement p, int first, ColumnIndex.Row r)
      throws SQLException {
    p.setLong(first, r.time());
    p.setLong(first + 1, r.idKey());
    p.setLong(first + 2, r.requestKey());
    p.setLong(first + 3, r.resourceKey());
    p.setInt(first + 4, r.status());
    for (int c = 0; c < ColumnIndex.COLUMNS; c++) {
      p.setInt(first + 5 + c, r.codes()[c]);
    }
  }

  /**
   * rk and content hash of the ids already cached. Candidates come from the in-memory id keys; only
   * they are read from H2 (by primary key) to compare the full id, so a page of new events costs no
   * query at all.
   */
  private Map<String, long[]> existing(Collection<String> wanted) throws SQLException {
    Map<String, long[]> out = new HashMap<>();
    if (ids.size() == 0 || wanted.isEmpty()) {
      return out;
    }
    java.util.Set<Long> candidates = new java.util.LinkedHashSet<>();
    for (String id : wanted) {
      ids.forEachRow(EventCodec.hash64(id), row -> candidates.add((long) row));
    }
    if (candidates.isEmpty()) {
      return out;
    }
    try (PreparedStatement p =
        writer.prepareStatement("SELECT id, rk, content_hash FROM event WHERE rk = ANY(?)")) {
      Long[] all = candidates.toArray(new Long[0]);
      for (int from = 0; from < all.length; from += FETCH_CHUNK) {
        Object[] chunk = Arrays.copyOfRange(all, from, Math.min(all.length, from + FETCH_CHUNK));
        p.setArray(1, writer.createArrayOf("BIGINT", chunk));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String id = r.getString(1);
            if (wanted.contains(id)) {
              out.put(id, new long[] {r.getLong(2), r.getLong(3)});
            }
          }
        }
      }
    }
    return out;
  }

  @Override
  public long total() {
    return index.snapshot().n;
  }

  @Override
  public long count(AuditQuery query) {
    return index.snapshot().count(query);
  }

  @Override
  public List<AuditEvent> page(AuditQuery query, SortOrder order, long offset, int limit) {
    ColumnIndex.Snapshot s = index.snapshot();
    int[] rows = s.positions(query, order, offset, limit);
    return fetch(s, rows);
  }

  /**
   * Streams the matching events through three stages so a large export uses both cores: one thread
   * reads the stored JSON from H2 a chunk at a time, another parses it, and the caller's thread
   * consumes (writes the file). Bounded queues keep memory flat; when the consumer throws (a
   * cancelled export) the stages stop at their next chunk.
   */
  @Override
  public void forEach(AuditQuery query, SortOrder order, Consumer<AuditEvent> consumer) {
    ColumnIndex.Snapshot s = index.snapshot();
    int[] rows = s.allMatches(s.filter(query), order);
    if (rows.length <= 2 * FETCH_CHUNK) {
      for (AuditEvent e : fetch(s, rows)) {
        consumer.accept(e);
      }
      return;
    }
    Pipeline p = new Pipeline();
    Thread reader =
        p.start(
            "audit-cache-read",
            () -> {
              Connection c = borrow();
              try {
                for (int from = 0; from < rows.length && !p.stopped; from += FETCH_CHUNK) {
                  int[] chunk =
                      Arrays.copyOfRange(rows, from, Math.min(rows.length, from + FETCH_CHUNK));
                  p.put(p.raw, new Chunk(chunk, readRaw(c, chunk), null));
                }
              } finally {
                giveBack(c);
              }
            },
            p.raw);
    Thread parser =
        p.start(
            "audit-cache-parse",
            () -> {
              for (Chunk c = p.take(p.raw); c != Chunk.END; c = p.take(p.raw)) {
                p.put(p.parsed, new Chunk(null, null, decodeAll(s, c.rows(), c.json())));
              }
            },
            p.parsed);
    try {
      for (Chunk c = p.take(p.parsed); c != Chunk.END; c = p.take(p.parsed)) {
        for (AuditEvent e : c.events()) {
          consumer.accept(e);
        }
      }
    } finally {
      p.stopped = true;
      p.raw.clear();
      p.parsed.clear();
      join(reader);
      join(parser);
    }
    if (p.failure.get() != null) {
      throw p.failure.get();
    }
  }

  /** A chunk of rows on its way through {@link #forEach}: their JSON, then their events. */
  private record Chunk(int[] rows, String[] json, List<AuditEvent> events) {
    static final Chunk END = new Chunk(null, null, null);
  }

  /** The queues and failure of one {@link #forEach}. */
  private static final class Pipeline {
    final BlockingQueue<Chunk> raw = new ArrayBlockingQueue<>(4);
    final BlockingQueue<Chunk> parsed = new ArrayBlockingQueue<>(4);
    final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    volatile boolean stopped;

    /** Runs a stage on its own thread; whatever happens, it ends its output with END. */
    Thread start(String name, Runnable stage, BlockingQueue<Chunk> output) {
      Thread t =
          new Thread(
              () -> {
                try {
                  stage.run();
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                  stopped = true;
                } finally {
                  put(output, Chunk.END);
                }
              },
              name);
      t.setDaemon(true);
      t.start();
      return t;
    }

    /** Waits for room unless the pipeline stopped; END always gets in (the queue is drained). */
    void put(BlockingQueue<Chunk> q, Chunk c) {
      try {
        while (!q.offer(c, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          if (stopped && c != Chunk.END) {
            return;
          }
          if (stopped) {
            q.clear();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }

    /** The next chunk; END once the pipeline stopped and nothing more is coming. */
    Chunk take(BlockingQueue<Chunk> q) {
      try {
        while (true) {
          Chunk c = q.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (c != null) {
            return c;
          }
          if (stopped) {
            return Chunk.END;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        throw new IllegalStateException("Interrupted while reading the cache", e);
      }
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<AuditEvent> fetch(ColumnIndex.Snapshot s, int[] rows) {
    if (rows.length == 0) {
      return List.of();
    }
    Connection c = borrow();
    try {
      return fetch(c, s, rows);
    } finally {
      giveBack(c);
    }
  }

  /** The events of the given rows, in that order, read from H2 by primary key. */
  private List<AuditEvent> fetch(Connection c, ColumnIndex.Snapshot s, int[] rows) {
    return decodeAll(s, rows, readRaw(c, rows));
  }

  /** The stored JSON of the given rows, in that order (null for a row H2 does not have). */
  private String[] readRaw(Connection c, int[] rows) {
    String[] out = new String[rows.length];
    if (rows.length == 0) {
      return out;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int r : rows) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    Map<Integer, String> raw = new HashMap<>(rows.length * 2);
    try {
      // Rows synced together sit together: a range scan beats many point lookups then.
      boolean range = (long) max - min + 1 <= 2L * rows.length;
      String sql =
          range
              ? "SELECT rk, raw FROM event WHERE rk BETWEEN ? AND ?"
              : "SELECT rk, raw FROM event WHERE rk = ANY(?)";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        if (range) {
          p.setLong(1, min);
          p.setLong(2, max);
        } else {
          Object[] keys = new Object[rows.length];
          for (int i = 0; i < rows.length; i++) {
            keys[i] = (long) rows[i];
          }
          p.setArray(1, c.createArrayOf("BIGINT", keys));
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            raw.put((int) r.getLong(1), r.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      CacheException ce = CacheStore.translate(e, dbFile, readOnly);
      throw new IllegalStateException(ce.getMessage(), ce);
    }
    for (int i = 0; i < rows.length; i++) {
      out[i] = raw.get(rows[i]);
    }
    return out;
  }

  private List<AuditEvent> decodeAll(ColumnIndex.Snapshot s, int[] rows, String[] json) {
    List<AuditEvent> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      if (json[i] != null) {
        out.add(decode(s, rows[i], json[i]));
      }
    }
    return out;
  }

  private AuditEvent decode(ColumnIndex.Snapshot s, int row, String json) {
    try {
      return dev.auditdesk.format.AuditEventJson.parse(json);
    } catch (dev.auditdesk.format.AuditEventJson.MalformedEventException e) {
      // Stored text that does not read as a Coder event (e.g. an imported wrapper): rebuild the
      // event from its columns and keep the text, so the row stays visible and nothing is lost.
      Dictionary[] d = index.dicts;
      int[][] c = s.cols;
      String actor = d[ColumnIndex.ACTOR].value(c[ColumnIndex.ACTOR][row]);
      String org = d[ColumnIndex.ORG].value(c[ColumnIndex.ORG][row]);
      return new AuditEvent(
          "",
          "",
          ColumnIndex.micros(s.time[row]),
          "",
          new Organization(
              ColumnIndex.part(org, 2), ColumnIndex.part(org, 0), ColumnIndex.part(org, 1)),
          d[ColumnIndex.IP].value(c[ColumnIndex.IP][row]),
          "",
          d[ColumnIndex.TYPE].value(c[ColumnIndex.TYPE][row]),
          "", // resource ids are kept as hashes; the stored text has it
          d[ColumnIndex.TARGET].value(c[ColumnIndex.TARGET][row]),
          "",
          "",
          d[ColumnIndex.ACTION].value(c[ColumnIndex.ACTION][row]),
          List.of(),
          s.status[row],
          "{}",
          d[ColumnIndex.DESCRIPTION].value(c[ColumnIndex.DESCRIPTION][row]),
          false,
          new Actor(
              ColumnIndex.part(actor, 2),
              ColumnIndex.part(actor, 0),
              ColumnIndex.part(actor, 1),
              ColumnIndex.part(actor, 3)),
          d[ColumnIndex.REASON].value(c[ColumnIndex.REASON][row]),
          json);
    }
  }

  @Override
  public List<FacetValue> facetValues(Facet facet, AuditQuery query) {
    return index.snapshot().facetValues(facet, query);
  }

  @Override
  public Histogram histogram(AuditQuery query, Duration bucket) {
    return index.snapshot().histogram(query, bucket);
  }

  @Override
  public CacheStats stats() {
    ColumnIndex.Snapshot s = index.snapshot();
    SyncState st = syncState;
    long bytes;
    try {
      bytes = Files.size(dbFile);
    } catch (IOException e) {
      bytes = 0;
    }
    return new CacheStats(s.n, s.oldest(), s.newest(), st.serverOldest(), bytes, st.lastSync());
  }

  @Override
  public SyncState syncState() {
    return syncState;
  }

  @Override
  public java.util.NavigableMap<java.time.LocalDate, dev.auditdesk.model.DayCheck> dayChecks() {
    return java.util.Collections.unmodifiableNavigableMap(dayChecks);
  }

  @Override
  public void saveDayChecks(Collection<dev.auditdesk.model.DayCheck> checks) throws CacheException {
    if (checks.isEmpty()) {
      return;
    }
    writeLock.lock();
    try {
      requireWritable();
      DayCheckStore.write(writer, checks);
      writer.commit();
      checkpointLocked(); // a recorded day survives a kill, like the events it describes
      var next = new java.util.TreeMap<>(dayChecks);
      for (dev.auditdesk.model.DayCheck c : checks) {
        next.put(c.day(), c);
      }
      dayChecks = next;
    } catch (SQLException e) {
      rollbackQuietly();
      throw CacheStore.translate(e, dbFile, false);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void saveSyncState(SyncState state) throws CacheException {
    writeLock.lock();
    try {
      requireWritable();
      writeMeta(SyncStateCodec.write(state));
      writer.commit();
      checkpointLocked();
      syncState = state;
      if (index.size() - Math.max(0, indexFileRows) >= INDEX_FILE_EVERY) {
        writeIndexFileLocked();
      }
      CacheStore.writeInfo(this);
    } catch (SQLException e) {
      rollbackQuietly();
      throw CacheStore.translate(e, dbFile, false);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Puts a sync page's commit in the file at once, so a killed sync keeps every page it committed
   * (H2 otherwise writes in the background and a kill loses the last half second). It costs about
   * 12% of a large sync, which stays well inside its target. Not {@code WRITE_DELAY=0}: that also
   * stops H2's background compaction and a 1M-event sync grew the file past 3 GB.
   */
  private void checkpointLocked() throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  /** Writes everything committed to the file now (before another reader copies it). */
  void checkpoint() {
    writeLock.lock();
    try (Statement s = writer.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException e) {
      LOG.warn("Could not write the cache {} to disk", dbFile, e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Rewrites the file without the space old versions left behind. Runs at {@link #close} after a
   * large sync, or when asked; queries wait meanwhile. Whatever happens, the cache is reopened with
   * fresh connections: a failed compaction must not leave closed connections in the pool.
   */
  public void compact() throws CacheException {
    writeLock.lock();
    try {
      requireWritable();
      List<Connection> taken = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        taken.add(borrow());
      }
      SQLException failure = null;
      try {
        for (Connection c : taken) {
          closeQuietly(c);
        }
        compactStep.run(writer);
      } catch (SQLException e) {
        failure = e;
        LOG.warn("Compacting the cache {} failed; reopening it as it was", dbFile, e);
      } finally {
        closeQuietly(writer);
        reopenLocked();
      }
      PrivateFiles.tightenTree(folder);
      if (failure != null) {
        throw CacheStore.translate(failure, dbFile, false);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** The compaction statement; tests replace it to fail the way a full disk would. */
  interface CompactStep {
    void run(Connection writer) throws SQLException;
  }

  CompactStep compactStep =
      w -> {
        try (Statement s = w.createStatement()) {
          s.execute("SHUTDOWN COMPACT");
        }
      };

  /**
   * New writer and reader connections after the database was shut down. If the file cannot be
   * opened again the cache closes, so every later call says so instead of failing on a dead pool.
   */
  private void reopenLocked() throws CacheException {
    List<Connection> fresh = new ArrayList<>();
    try {
      Connection w = connect();
      w.setAutoCommit(false);
      fresh.add(w);
      for (int i = 0; i < READERS; i++) {
        fresh.add(connect());
      }
      writer = w;
      readers.clear();
      readers.addAll(fresh.subList(1, fresh.size()));
    } catch (SQLException e) {
      fresh.forEach(H2AuditCache::closeQuietly);
      closed = true;
      writer = null;
      readers.clear();
      onClose.run();
      throw CacheStore.translate(e, dbFile, false);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a cache connection", e);
    }
  }

  private void requireWritable() throws CacheException {
    if (closed) {
      throw new CacheException(
          CacheException.Problem.IO, "The cache " + dbFile + " was already closed.", null);
    }
    if (readOnly) {
      throw new CacheException(
          CacheException.Problem.IO,
          "The cache "
              + dbFile
              + " is open read-only, so it cannot take new events. Close the other AuditDesk"
              + " that uses it, then open it again to sync.",
          null);
    }
  }

  private Map<String, String> readMeta() throws SQLException {
    Map<String, String> m = new HashMap<>();
    try (Statement s = writer.createStatement();
        ResultSet r = s.executeQuery("SELECT k, v FROM meta")) {
      while (r.next()) {
        m.put(r.getString(1), r.getString(2));
      }
    }
    return m;
  }

  private void writeMeta(Map<String, String> values) throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement p = writer.prepareStatement("MERGE INTO meta KEY(k) VALUES(?, ?)")) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** Meta values as stored (for the info file and diagnostics). */
  Map<String, String> meta() {
    writeLock.lock();
    try {
      return readMeta();
    } catch (SQLException e) {
      return Map.of();
    } finally {
      writeLock.unlock();
    }
  }

  private Connection borrow() {
    if (closed) {
      throw new IllegalStateException("The cache " + dbFile + " was closed.");
    }
    try {
      return readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the cache " + dbFile, e);
    }
  }

  private void giveBack(Connection c) {
    readers.add(c);
  }

  private void rollbackQuietly() {
    try {
      writer.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the next statement reports it.
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    writeLock.lock();
    try {
      if (!readOnly) {
        writeIndexFileLocked();
        try {
          CacheStore.writeInfo(this);
        } catch (RuntimeException e) {
          LOG.warn("Could not write the cache summary for {}", dbFile, e);
        }
        if (index.size() - rowsAtOpen >= compactAtClose) {
          compactAtCloseLocked();
        }
      }
      closed = true;
      closeQuietly();
      if (!readOnly) {
        PrivateFiles.tightenTree(folder);
      }
    } finally {
      writeLock.unlock();
      onClose.run();
    }
  }

  /** Compaction at close needs no reopening: a failure only leaves the file larger. */
  private void compactAtCloseLocked() {
    List<Connection> all = new ArrayList<>();
    readers.drainTo(all);
    all.forEach(H2AuditCache::closeQuietly);
    long started = System.nanoTime();
    try {
      compactStep.run(writer);
      LOG.info("Compacted {} in {} ms", dbFile, (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      LOG.warn("Compacting {} at close failed; it stays as it was", dbFile, e);
    }
  }

  private void closeQuietly() {
    List<Connection> all = new ArrayList<>();
    readers.drainTo(all);
    if (writer != null) {
      all.add(writer);
    }
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing a cache connection", e);
      }
    }
    if (snapshotCopy != null) {
      CacheStore.deleteTree(snapshotCopy);
    }
  }
}
