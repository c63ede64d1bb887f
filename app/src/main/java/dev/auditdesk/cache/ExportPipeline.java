package dev.auditdesk.cache;

import dev.auditdesk.model.AuditEvent;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Streams many matching events through three stages so a large export uses both cores: one thread
 * reads the stored JSON from H2 a chunk at a time, another parses it, and the caller's thread
 * consumes (writes the file). Bounded queues keep memory flat; when the consumer throws (a
 * cancelled export) the stages stop at their next chunk.
 */
final class ExportPipeline {

  private static final int CHUNK = EventStore.FETCH_CHUNK;

  private final BlockingQueue<Chunk> raw = new ArrayBlockingQueue<>(4);
  private final BlockingQueue<Chunk> parsed = new ArrayBlockingQueue<>(4);
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean stopped;

  /** A chunk of rows on its way: their JSON, then their events. */
  private record Chunk(int[] rows, String[] json, List<AuditEvent> events) {
    static final Chunk END = new Chunk(null, null, null);
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
    Thread read =
        start(
            "audit-cache-read",
            () -> {
              Connection c = db.borrow();
              try {
                for (int from = 0; from < rows.length && !stopped; from += CHUNK) {
                  int[] chunk = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + CHUNK));
                  put(raw, new Chunk(chunk, reader.readRaw(c, chunk), null));
                }
              } finally {
                db.giveBack(c);
              }
            },
            raw);
    Thread parse =
        start(
            "audit-cache-parse",
            () -> {
              for (Chunk c = take(raw); c != Chunk.END; c = take(raw)) {
                put(parsed, new Chunk(null, null, reader.decodeAll(s, c.rows(), c.json())));
              }
            },
            parsed);
    try {
      for (Chunk c = take(parsed); c != Chunk.END; c = take(parsed)) {
        c.events().forEach(consumer);
      }
    } finally {
      stopped = true;
      raw.clear();
      parsed.clear();
      join(read);
      join(parse);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Runs a stage on its own thread; whatever happens, it ends its output with END. */
  private Thread start(String name, Runnable stage, BlockingQueue<Chunk> output) {
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
