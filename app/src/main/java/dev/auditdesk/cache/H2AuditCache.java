package dev.auditdesk.cache;

import dev.auditdesk.PrivateFiles;
import dev.auditdesk.model.AuditEvent;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DayCheck;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.EventSummary;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.SortOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AuditCache} of one deployment: an H2 file of every event (original JSON and coded
 * filter columns) and a {@link ColumnIndex} in memory for counts, facets and pages. Open one with
 * {@link CacheStore#open}. It holds the sync state; its parts do the work: {@link CacheWrites} (the
 * write lock and when a write is refused), {@link CacheDatabase}, {@link EventStore} (upsert),
 * {@link IndexStore}, {@link EventReader}, {@link ExportPipeline}, {@link CacheEvidence} (the hash
 * chain).
 */
public final class H2AuditCache implements AuditCache {

  private static final Logger LOG = LoggerFactory.getLogger(H2AuditCache.class);

  static final String DB_NAME = "cache";

  /** Rows added since the index file was written that make writing it again worthwhile. */
  private static final int INDEX_FILE_EVERY = 20_000;

  /** Added rows that make compacting at close worthwhile (a large first sync leaves ~2x space). */
  static final int COMPACT_AT_CLOSE = 200_000;

  private final Path folder;
  private final Path snapshotCopy;
  private final Runnable onClose;
  private final CacheDatabase db;
  private final ColumnIndex index = new ColumnIndex();
  private final IdKeys ids = new IdKeys(index);
  private final EventStore store;
  private final IndexStore indexStore;
  private final EventReader reader;

  /** The dictionaries of the events' packed JSON, read after the file opened. */
  private final JsonPacking packing;

  private final CacheWrites writes;
  private final ConnectionLogCache connections;
  private final CacheEvidence evidence;
  private volatile Deployment deployment;
  private volatile SyncState syncState = SyncState.NEVER;
  private volatile NavigableMap<LocalDate, DayCheck> dayChecks = new TreeMap<>();

  /** Rows when the cache was opened: a session that added many compacts the file at close. */
  private int rowsAtOpen;

  int compactAtClose = COMPACT_AT_CLOSE;

  /** The compaction statement; tests replace it to fail the way a full disk would. */
  Compaction.Step compactStep = Compaction.SHUTDOWN_COMPACT;

  H2AuditCache(
      Path folder,
      Deployment deployment,
      boolean readOnly,
      Path dbBase,
      Path snapshotCopy,
      CacheKey key,
      Runnable onClose)
      throws CacheException {
    this.folder = folder;
    this.snapshotCopy = snapshotCopy;
    this.onClose = onClose;
    this.packing = JsonPacking.forCache(); // before H2 opens: a refusal leaves the file alone
    this.db = new CacheDatabase(dbBase, readOnly, key);
    this.writes = new CacheWrites(db);
    this.evidence = new CacheEvidence(db, () -> dayChecks);
    this.store = new EventStore(db, index, ids, evidence.chain(), packing);
    this.indexStore = new IndexStore(folder, db, index, ids);
    this.reader = new EventReader(db, packing);
    this.connections = new ConnectionLogCache(db, writes.lock, evidence.connectionChain());
    try {
      long started = System.nanoTime();
      indexStore.startReading(); // the index file, checked against H2's stamp once H2 is open
      db.open();
      packing.load(db.writer());
      long opened = System.nanoTime();
      Map<String, String> meta = db.readMeta();
      String id = deployment.deploymentId();
      this.deployment =
          new Deployment(
              deployment.url(), id.isEmpty() ? meta.getOrDefault("deployment.id", "") : id);
      this.syncState = SyncStateCodec.read(meta);
      this.dayChecks = DayCheckStore.readIfRecorded(db);
      evidence.load(meta);
      LOG.info(
          "Opened the H2 file {} in {} ms, its records in {} ms",
          db.dbFile,
          (opened - started) / 1_000_000,
          (System.nanoTime() - opened) / 1_000_000);
      indexStore.load(meta.get(IndexStore.STAMP));
      rowsAtOpen = index.size();
      if (!readOnly) {
        db.writeMeta(Map.of("deployment.url", this.deployment.url().toString()));
        if (!this.deployment.deploymentId().isEmpty()) {
          db.writeMeta(Map.of("deployment.id", this.deployment.deploymentId()));
        }
        db.commit();
      }
    } catch (SQLException e) {
      indexStore.stopReading();
      closeQuietly();
      throw db.translate(e);
    } catch (IOException e) {
      indexStore.stopReading();
      closeQuietly();
      throw CacheErrors.upgradeCopyFailed(db.dbFile, e);
    } catch (CacheException | RuntimeException e) {
      indexStore.stopReading();
      closeQuietly();
      throw e;
    } catch (OutOfMemoryError e) {
      // The half-built index is dropped with this object; the file is untouched.
      indexStore.stopReading();
      closeQuietly();
      throw CacheErrors.outOfMemory(db.dbFile, e);
    }
  }

  /** How many rows the last open took from the index file instead of H2 (for tests). */
  int rowsReadFromIndexFile() {
    return indexStore.rowsReadFromFile();
  }

  /** How many dictionary values the last open took from the index file instead of H2. */
  int valuesReadFromIndexFile() {
    return indexStore.valuesReadFromFile();
  }

  /** Writes the index file now (normally done after a sync and at close). */
  void writeIndexFile() {
    writes.lock.lock();
    try {
      if (writes.memoryRanOut()) {
        return;
      }
      indexStore.save();
    } finally {
      writes.lock.unlock();
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
    return db.dbFile;
  }

  public boolean readOnly() {
    return db.readOnly;
  }

  /** True when the file is AES-encrypted with a key from the keyring. */
  public boolean encrypted() {
    return db.encrypted();
  }

  /** Records the deployment id once the server told it (buildinfo). */
  public void rememberDeployment(Deployment d, String serverVersion) throws CacheException {
    writes.run(
        () -> {
          Map<String, String> m = new LinkedHashMap<>();
          if (!d.deploymentId().isEmpty()) {
            m.put("deployment.id", d.deploymentId());
            deployment = new Deployment(deployment.url(), d.deploymentId());
          }
          if (serverVersion != null && !serverVersion.isEmpty()) {
            m.put("server.version", serverVersion);
          }
          db.writeMeta(m);
          db.commit();
          CacheSummary.write(this);
        });
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
    writes.lock.lock();
    try {
      writes.requireWritable();
      EventStore.Written w =
          store.upsert(
              events,
              after == null ? Map.of() : SyncStateCodec.write(after),
              indexStore.fileRows() >= 0 ? IndexStore.STAMP : null);
      if (w.changed() > 0) {
        indexStore.forget();
      }
      if (after != null) {
        syncState = after;
      }
      return w.added();
    } catch (OutOfMemoryError e) {
      throw writes.ranOutOfMemory(e);
    } finally {
      writes.lock.unlock();
    }
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
    Snapshot s = index.snapshot();
    return reader.fetch(s, s.positions(query, order, offset, limit));
  }

  @Override
  public void forEach(AuditQuery query, SortOrder order, Consumer<AuditEvent> consumer) {
    Snapshot s = index.snapshot();
    ExportPipeline.forEach(reader, db, s, s.allMatches(query, order), consumer);
  }

  /**
   * The marked rows among the matches that are worth reading by their summary, read by primary key:
   * a few hundred events instead of every candidate's diff. A file opened read-only from before the
   * marks classifies as the default does.
   */
  @Override
  public void forEachMarked(
      AuditQuery query,
      SortOrder order,
      BiPredicate<EventSummary, Integer> worthReading,
      Consumer<AuditEvent> consumer) {
    if (db.schema() < EventMarks.SINCE) {
      AuditCache.super.forEachMarked(query, order, worthReading, consumer);
      return;
    }
    Snapshot s = index.snapshot();
    Map<Integer, Integer> marked;
    Connection c = db.borrow();
    try {
      marked = EventMarks.rows(c);
    } catch (SQLException e) {
      CacheException ce = db.translate(e);
      throw new IllegalStateException(ce.getMessage(), ce);
    } finally {
      db.giveBack(c);
    }
    int[] candidates =
        Arrays.stream(s.allMatches(query, order)).filter(marked::containsKey).toArray();
    List<EventSummary> summaries = s.summaries(candidates);
    int[] rows =
        IntStream.range(0, candidates.length)
            .filter(i -> worthReading.test(summaries.get(i), marked.get(candidates[i])))
            .map(i -> candidates[i])
            .toArray();
    for (int from = 0; from < rows.length; from += EventStore.FETCH_CHUNK) {
      int[] chunk =
          Arrays.copyOfRange(rows, from, Math.min(rows.length, from + EventStore.FETCH_CHUNK));
      reader.fetch(s, chunk).forEach(consumer);
    }
  }

  @Override
  public void forEachSummary(AuditQuery query, SortOrder order, Consumer<EventSummary> consumer) {
    index.snapshot().summaries(query, order, consumer);
  }

  @Override
  public List<String> ids(
      AuditQuery query, SortOrder order, Function<List<EventSummary>, int[]> pick) {
    Snapshot s = index.snapshot();
    int[] rows = s.allMatches(query, order);
    int[] want = pick.apply(s.summaries(rows));
    int[] picked = new int[want.length];
    for (int i = 0; i < want.length; i++) {
      picked[i] = rows[want[i]];
    }
    return reader.ids(picked);
  }

  @Override
  public List<FacetValue> facetValues(Facet facet, AuditQuery query) {
    return index.snapshot().facetValues(facet, query);
  }

  @Override
  public Map<Facet, List<FacetValue>> facetValues(List<Facet> facets, AuditQuery query) {
    return index.snapshot().facetValues(facets, query);
  }

  @Override
  public Histogram histogram(AuditQuery query, Duration bucket) {
    return index.snapshot().histogram(query, bucket);
  }

  @Override
  public CacheStats stats() {
    Snapshot s = index.snapshot();
    SyncState st = syncState;
    long bytes;
    try {
      bytes = Files.size(db.dbFile);
    } catch (IOException e) {
      bytes = 0;
    }
    return new CacheStats(s.n, s.oldest(), s.newest(), st.serverOldest(), bytes, st.lastSync());
  }

  @Override
  public SyncState syncState() {
    return syncState;
  }

  public CacheEvidence evidence() {
    return evidence;
  }

  /** The connection log kept in the same file. */
  public ConnectionLogCache connections() {
    return connections;
  }

  @Override
  public NavigableMap<LocalDate, DayCheck> dayChecks() {
    return Collections.unmodifiableNavigableMap(dayChecks);
  }

  @Override
  public void saveDayChecks(Collection<DayCheck> checks) throws CacheException {
    if (checks.isEmpty()) {
      return;
    }
    writes.run(
        () -> {
          var next = DayCheckStore.merged(dayChecks, checks);
          DayCheckStore.write(db.writer(), checks);
          evidence.chain().checkpointNow(db.writer(), HashChain.DayTally.of(next));
          db.commit();
          db.checkpoint(); // a recorded day survives a kill, like the events it describes
          dayChecks = next;
        });
  }

  @Override
  public void saveSyncState(SyncState state) throws CacheException {
    writes.run(
        () -> {
          db.writeMeta(SyncStateCodec.write(state));
          db.commit();
          db.checkpoint();
          syncState = state;
          if (index.size() - Math.max(0, indexStore.fileRows()) >= INDEX_FILE_EVERY) {
            indexStore.save();
          }
          CacheSummary.write(this);
        });
  }

  /**
   * Rewrites the file without the space old versions left behind. Runs at {@link #close} after a
   * large sync, or when asked; queries wait meanwhile. Whatever happens, the cache is reopened with
   * fresh connections: a failed compaction must not leave closed connections in the pool.
   */
  public void compact() throws CacheException {
    writes.lock.lock();
    try {
      writes.requireWritable();
      try {
        Compaction.now(db, compactStep, folder);
      } catch (CacheException e) {
        if (db.closed()) {
          onClose.run(); // the file could not be opened again: the cache is closed
        }
        throw e;
      }
    } finally {
      writes.lock.unlock();
    }
  }

  /** Writes everything committed to the file now (before another reader copies it). */
  void checkpoint() {
    writes.checkpoint();
  }

  @Override
  public void close() {
    if (db.closed()) {
      return;
    }
    writes.lock.lock();
    try {
      if (!db.readOnly && !writes.memoryRanOut()) {
        indexStore.save();
        try {
          CacheSummary.write(this);
        } catch (RuntimeException e) {
          LOG.warn("Could not write the cache summary for {}", db.dbFile, e);
        }
        // Packing an older file's events (migration 10) leaves their text's pages behind.
        int from = db.upgradedFrom();
        if (index.size() - rowsAtOpen >= compactAtClose || (from > 0 && from < JsonPacking.SINCE)) {
          Compaction.atClose(db, compactStep);
        }
      }
      closeQuietly();
      if (!db.readOnly) {
        PrivateFiles.tightenTree(folder);
      }
    } finally {
      writes.lock.unlock();
      onClose.run();
    }
  }

  private void closeQuietly() {
    db.close();
    packing.close();
    if (snapshotCopy != null) {
      CacheFiles.deleteTree(snapshotCopy);
    }
  }
}
