package dev.auditdesk.bench;

import dev.auditdesk.cache.CacheStore;
import dev.auditdesk.cache.H2AuditCache;
import dev.auditdesk.cache.MemoryCacheKeys;
import dev.auditdesk.export.Importer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.model.SortOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What cache encryption costs: open + count + first page, a full read (the export path) and an open
 * that rebuilds the column index from H2, on the same 100,000-event cache plain and then encrypted;
 * plus the time of each conversion and the file sizes. The key comes from an in-memory store (a
 * keyring adds its own, one-off, lookup).
 *
 * <pre>
 * ./mvnw -q -o -pl app -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.auditdesk.bench.EncryptionBenchmark -Dexec.args="/tmp/auditdesk-crypt 100000"
 * </pre>
 */
public final class EncryptionBenchmark {

  private static final int ROUNDS = 5;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/auditdesk-crypt");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Files.createDirectories(work);
    Path caches = work.resolve("caches");
    if (Files.exists(caches)) {
      try (Stream<Path> old = Files.walk(caches)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Deployment d = Importer.deploymentFor("crypt-" + n);
    MemoryCacheKeys keys = new MemoryCacheKeys();
    BenchHeader.print("EncryptionBenchmark", n);
    Path ndjson = work.resolve("crypt-" + n + ".ndjson");
    if (!Files.exists(ndjson)) {
      ExportBenchmark.generate(ndjson, n);
    }
    try (H2AuditCache cache = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE, keys)) {
      Importer.importFiles(cache, List.of(ndjson), Importer.Listener.NONE);
    }
    Path db = CacheStore.folderFor(caches, d).resolve("cache.mv.db");
    measure("plain", caches, d, keys, db);

    long t = System.nanoTime();
    CacheStore.encrypt(caches, d, keys);
    System.out.printf("encrypt (convert plain -> AES): %.2f s%n", secs(t));
    measure("encrypted", caches, d, keys, db);

    t = System.nanoTime();
    CacheStore.decrypt(caches, d, keys);
    System.out.printf("decrypt (convert AES -> plain): %.2f s%n", secs(t));
  }

  private static void measure(
      String label, Path caches, Deployment d, MemoryCacheKeys keys, Path db) throws Exception {
    double[] open = new double[ROUNDS];
    double[] read = new double[ROUNDS];
    double[] rebuild = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      try (H2AuditCache c = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE, keys)) {
        long count = c.count(AuditQuery.ALL);
        int page = c.page(AuditQuery.ALL, SortOrder.NEWEST_FIRST, 0, 100).size();
        open[i] = ms(t0);
        if (count == 0 || page != 100) {
          throw new IllegalStateException("the cache is empty");
        }
        long t1 = System.nanoTime();
        AtomicLong chars = new AtomicLong();
        c.forEach(
            AuditQuery.ALL, SortOrder.NEWEST_FIRST, e -> chars.addAndGet(e.rawJson().length()));
        read[i] = ms(t1);
      }
      Files.deleteIfExists(db.resolveSibling("cache.index"));
      long t2 = System.nanoTime();
      try (H2AuditCache c = CacheStore.open(caches, d, CacheStore.OpenMode.READ_WRITE, keys)) {
        c.count(AuditQuery.ALL);
        rebuild[i] = ms(t2);
      }
    }
    System.out.printf(
        "%s: file %,d KiB; open+count+first page %s ms; read all (export path) %s ms;"
            + " open rebuilding the index from H2 %s ms (median of %d)%n",
        label, Files.size(db) >> 10, median(open), median(read), median(rebuild), ROUNDS);
  }

  private static String median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return String.format("%.0f", s[s.length / 2]);
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
