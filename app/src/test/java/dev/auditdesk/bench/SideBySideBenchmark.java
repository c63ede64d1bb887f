package dev.auditdesk.bench;

import dev.auditdesk.format.AuditEventJson;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * AuditDesk beside SQLite (equivalent indexes), DuckDB and jq on the same NDJSON file: load time,
 * disk, and for each filter of {@link BenchFilter#fixedSet} the median of count + first page of 100
 * (jq: count only, one pass). Prints medians and AuditDesk's ratio to each; every engine must give
 * the same counts and pages, or the run fails. {@code .ci/bench} runs it; a 10,000-event smoke runs
 * in the test suite ({@code SideBySideSmokeTest}).
 *
 * <pre>java -Xmx2g -cp "$CP" dev.auditdesk.bench.SideBySideBenchmark DIR 100000,1000000 [runs]
 * </pre>
 *
 * <p>jq reads the whole file for every filter (about 4 minutes per filter at 10M, 25 for free
 * text), so {@code -Dbench.jq.filters=0,4,8} limits it to those filters (numbered from 0) at sizes
 * above {@code -Dbench.jq.all.upTo} (default 1,000,000); the others print as "-".
 */
public final class SideBySideBenchmark {

  /** What one size measured: per engine its load, disk and per-filter medians and counts. */
  record Result(int events, Map<String, EngineResult> engines) {}

  record EngineResult(
      double loadSeconds,
      long diskBytes,
      double[] medianMs,
      long[] counts,
      List<List<String>> pages) {}

  private SideBySideBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "app/target/bench-side").toAbsolutePath();
    String sizes = args.length > 1 ? args[1] : "100000,1000000";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    for (String n : sizes.split(",")) {
      run(dir.resolve(n), Integer.parseInt(n.trim()), runs, System.out);
    }
  }

  /** Generates {@code n} events into {@code dir} (reused when present) and compares the engines. */
  static Result run(Path dir, int n, int runs, PrintStream out) throws Exception {
    Files.createDirectories(dir);
    Path ndjson = dir.resolve("events.ndjson");
    if (!Files.exists(ndjson)) {
      write(ndjson, n);
    }
    List<BenchFilter> filters = BenchFilter.fixedSet();
    Map<String, EngineResult> results = new LinkedHashMap<>();
    // Each engine is opened when its turn comes, so none runs beside another's open database.
    // -Dbench.engines=sqlite: AuditDesk and only those others (default: sqlite,duckdb,jq; none:
    // AuditDesk alone), to look into one of them.
    List<String> wanted =
        List.of(System.getProperty("bench.engines", "sqlite,duckdb,jq").split(","));
    List<Callable<BenchEngine>> engines = new ArrayList<>();
    engines.add(() -> new BenchEngine.AuditDesk(fresh(dir.resolve("auditdesk-run"))));
    if (wanted.contains("sqlite")) {
      engines.add(() -> BenchEngine.Sql.sqlite(fresh(dir.resolve("sqlite-run"))));
    }
    if (wanted.contains("duckdb")) {
      engines.add(() -> BenchEngine.Sql.duckdb(fresh(dir.resolve("duckdb-run"))));
    }
    if (!wanted.contains("jq")) {
      out.println("jq left out (-Dbench.engines)");
    } else if (BenchEngine.Jq.installed()) {
      engines.add(BenchEngine.Jq::new);
    } else {
      out.println("jq is not installed: its column is left out (apt-get install jq)");
    }
    for (Callable<BenchEngine> opener : engines) {
      try (BenchEngine e = opener.call()) {
        long t0 = System.nanoTime();
        e.load(ndjson);
        double load = (System.nanoTime() - t0) / 1e9;
        double[] median = new double[filters.size()];
        long[] counts = new long[filters.size()];
        List<List<String>> pages = new ArrayList<>();
        boolean jq = e instanceof BenchEngine.Jq;
        if (!jq) {
          // One round of every filter first, not counted: the engine's code is compiled (JIT)
          // before the first filter is timed, as in a window that has been open for a while.
          for (BenchFilter f : filters) {
            e.count(f);
            e.firstPage(f);
          }
        }
        for (int i = 0; i < filters.size(); i++) {
          BenchFilter f = filters.get(i);
          if (jq && !jqRuns(i, n)) {
            median[i] = Double.NaN;
            counts[i] = -1;
            pages.add(List.of());
            continue;
          }
          int times = jq ? 1 : runs + 1; // one first run, not counted (cold pages, JIT)
          double[] ms = new double[jq ? 1 : runs];
          List<String> page = List.of();
          for (int k = 0; k < times; k++) {
            long s = System.nanoTime();
            counts[i] = e.count(f);
            page = e.firstPage(f);
            double took = (System.nanoTime() - s) / 1e6;
            if (jq) {
              ms[0] = took;
            } else if (k > 0) {
              ms[k - 1] = took;
            }
          }
          Arrays.sort(ms);
          median[i] = ms[ms.length / 2];
          pages.add(page);
        }
        results.put(e.name(), new EngineResult(load, e.diskBytes(), median, counts, pages));
      }
    }
    Result r = new Result(n, results);
    print(r, filters, out);
    return r;
  }

  /** Whether jq runs filter {@code i} at {@code n} events (see the class comment). */
  private static boolean jqRuns(int i, int n) {
    String only = System.getProperty("bench.jq.filters");
    if (only == null || n <= Integer.getInteger("bench.jq.all.upTo", 1_000_000)) {
      return true;
    }
    return Arrays.stream(only.split(","))
        .map(String::trim)
        .anyMatch(s -> s.equals(String.valueOf(i)));
  }

  private static Path fresh(Path p) throws Exception {
    if (Files.exists(p)) {
      try (var s = Files.walk(p)) {
        for (Path f : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(f);
        }
      }
    }
    return Files.createDirectories(p);
  }

  private static void write(Path ndjson, int n) throws Exception {
    var m = AuditEventJson.mapper();
    SplittableRandom r = new SplittableRandom(42);
    try (BufferedWriter w = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8)) {
      for (long i = 0; i < n; i++) {
        w.write(SyntheticEvents.json(m, r, i, n));
        w.write('\n');
      }
    }
  }

  private static void print(Result r, List<BenchFilter> filters, PrintStream out) {
    EngineResult ad = r.engines().get("AuditDesk");
    out.printf(Locale.ROOT, "%n%,d events%n", r.events());
    out.printf(
        Locale.ROOT, "%-12s %10s %12s %12s%n", "engine", "load s", "disk MiB", "bytes/event");
    r.engines()
        .forEach(
            (name, e) ->
                out.printf(
                    Locale.ROOT,
                    "%-12s %10.1f %12.1f %12.0f%n",
                    name,
                    e.loadSeconds(),
                    e.diskBytes() / 1048576.0,
                    e.diskBytes() / (double) r.events()));
    StringBuilder head =
        new StringBuilder(
            String.format(
                Locale.ROOT, "%-36s %9s", "count + first page of 100, median ms", "matches"));
    for (String name : r.engines().keySet()) {
      head.append(String.format(Locale.ROOT, " %10s", name));
    }
    for (String name : r.engines().keySet()) {
      if (!name.equals("AuditDesk")) {
        head.append(String.format(Locale.ROOT, " %8s", "AD/" + name));
      }
    }
    out.println(head);
    for (int i = 0; i < filters.size(); i++) {
      StringBuilder row =
          new StringBuilder(
              String.format(Locale.ROOT, "%-36s %,9d", filters.get(i).name(), ad.counts()[i]));
      for (EngineResult e : r.engines().values()) {
        double ms = e.medianMs()[i];
        row.append(
            Double.isNaN(ms)
                ? String.format(Locale.ROOT, " %10s", "-")
                : String.format(Locale.ROOT, " %10.2f", ms));
      }
      for (Map.Entry<String, EngineResult> e : r.engines().entrySet()) {
        if (!e.getKey().equals("AuditDesk")) {
          double other = e.getValue().medianMs()[i];
          row.append(
              Double.isNaN(other)
                  ? String.format(Locale.ROOT, " %8s", "-")
                  : String.format(
                      Locale.ROOT, " %8.2f", ad.medianMs()[i] / Math.max(0.001, other)));
        }
      }
      out.println(row);
    }
    out.println(
        "(jq: one filtered count per pass over the file, no page; AD/x < 1: AuditDesk faster)");
  }
}
