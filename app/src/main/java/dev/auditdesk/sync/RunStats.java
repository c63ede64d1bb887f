package dev.auditdesk.sync;

import java.util.ArrayList;
import java.util.List;

/** Counters of one sync run, shared by its fetching and writing threads. */
final class RunStats {
  final long started = System.nanoTime();
  long fetched;
  long added;
  int pages;
  int requests;
  int retries;
  int malformed;
  long offsetRows;
  long estimatedTotal = -1;
  boolean totalCapped;
  final List<String> samples = new ArrayList<>();

  /** Where a run's time went (for the log): waiting for answers, and for the cache. */
  final java.util.concurrent.atomic.AtomicLong fetchNanos =
      new java.util.concurrent.atomic.AtomicLong();

  final java.util.concurrent.atomic.AtomicLong cacheWaitNanos =
      new java.util.concurrent.atomic.AtomicLong();

  synchronized void request(long offset) {
    requests++;
    offsetRows += offset;
  }

  synchronized void retry() {
    retries++;
  }

  synchronized void page(int received, int newEvents, List<String> bad) {
    pages++;
    fetched += received;
    added += newEvents;
    malformed += bad.size();
    for (String m : bad) {
      if (samples.size() < 5) {
        samples.add(m);
      }
    }
  }

  synchronized void added(int newEvents) {
    added += newEvents;
  }

  synchronized long added() {
    return added;
  }
}
