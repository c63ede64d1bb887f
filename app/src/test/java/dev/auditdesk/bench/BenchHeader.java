package dev.auditdesk.bench;

import java.util.Locale;

/** The line a benchmark starts with: what ran, over how many events, on what machine and heap. */
final class BenchHeader {

  private BenchHeader() {}

  static void print(String benchmark, long events) {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "%s: %,d events, %d cores, Java %s, max heap %d MiB%n",
        benchmark,
        events,
        rt.availableProcessors(),
        System.getProperty("java.version"),
        rt.maxMemory() >> 20);
  }
}
