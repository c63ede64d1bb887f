package dev.auditdesk.cache;

import dev.auditdesk.DaemonThreads;
import dev.auditdesk.model.AuditEvent;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Streams many matching events through stages so a large export uses both cores: one thread reads
 * the stored JSON from H2 a chunk at a time, two parse chunks (parsing is the largest stage: half
 * an export's CPU, issue 19), and the caller's thread consumes them in order (writes the file).
 * Bounded queues keep memory flat; when the consumer throws (a cancelled export) the stages stop at
 * their next chunk.
 */
final class ExportPipeline {

  private static final int CHUNK = EventStore.FETCH_CHUNK;
  private static final int PARSERS = 2;

  /** Chunks in reading order, each parsed (or being parsed) by one of the parsers. */
  private final BlockingQueue<Chunk> parsed = new ArrayBlockingQueue<>(2 * PARSERS + 2);

  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean stopped;

  /** A chunk of rows on its way: its events once parsed. */
  private record Chunk(Future<List<AuditEvent>> events) {
    static final Chunk END = new Chunk(null);
  }

  private ExportPipeline() {}

  /** Hands every event of {@code rows} to {@code consumer}, in order. */
  static void forEach(
      EventReader reader, CacheDatabase db, Snapshot s, int[] rows, Consumer<AuditEvent> consumer) {
    if (rows.length <= 2 * CHUNK) {
      reader.fetch(s, rows).forEach(consumer);
      return;
    }
    new ExportPipeline().run(reader, db, s, rows, consumer);
  }

  private void run(
      EventReader reader, CacheDatabase db, Snapshot s, int[] rows, Consumer<AuditEvent> consumer) {
    ExecutorService parsers =
        Executors.newFixedThreadPool(PARSERS, DaemonThreads.numbered("audit-cache-parse"));
    Thread read =
        start(
            "audit-cache-read",
            () -> {
              Connection c = db.borrow();
              try {
                for (int from = 0; from < rows.length && !stopped; from += CHUNK) {
                  int[] chunk = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + CHUNK));
                  String[] json = reader.readRaw(c, chunk);
                  put(parsed, new Chunk(parsers.submit(() -> reader.decodeAll(s, chunk, json))));
                }
              } finally {
                db.giveBack(c);
              }
            },
            parsed);
    try {
      for (Chunk c = take(parsed); c != Chunk.END; c = take(parsed)) {
        events(c).forEach(consumer);
      }
    } finally {
      stopped = true;
      parsed.clear();
      join(read);
      parsers.shutdownNow(); // parsing touches no file: interrupting it is harmless
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** The chunk's events once parsed; a parser's failure stops the pipeline and is thrown. */
  private List<AuditEvent> events(Chunk c) {
    try {
      return c.events().get();
    } catch (ExecutionException e) {
      RuntimeException cause =
          e.getCause() instanceof RuntimeException r
              ? r
              : new IllegalStateException("Could not read the cache", e.getCause());
      failure.compareAndSet(null, cause);
      stopped = true;
      throw cause;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
      throw new IllegalStateException("Interrupted while reading the cache", e);
    }
  }

  /** Runs a stage on its own thread; whatever happens, it ends its output with END. */
  private Thread start(String name, Runnable stage, BlockingQueue<Chunk> output) {
    return DaemonThreads.start(
        name,
        () -> {
          try {
            stage.run();
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            stopped = true;
          } finally {
            put(output, Chunk.END);
          }
        });
  }

  /** Waits for room unless the pipeline stopped; END always gets in (the queue is drained). */
  private void put(BlockingQueue<Chunk> q, Chunk c) {
    try {
      while (!q.offer(c, 50, TimeUnit.MILLISECONDS)) {
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
  private Chunk take(BlockingQueue<Chunk> q) {
    try {
      while (true) {
        Chunk c = q.poll(50, TimeUnit.MILLISECONDS);
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

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
