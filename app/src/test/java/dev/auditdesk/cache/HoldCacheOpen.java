package dev.auditdesk.cache;

import dev.auditdesk.model.Deployment;
import java.nio.file.Path;

/** Run in a second JVM by tests: opens a cache, says so, and holds it until stdin closes. */
public final class HoldCacheOpen {
  public static void main(String[] args) throws Exception {
    try (H2AuditCache cache =
        CacheStore.open(
            Path.of(args[0]), Deployment.parse(args[1]), CacheStore.OpenMode.READ_WRITE)) {
      System.out.println("open " + cache.total());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Hold the cache until the test closes our stdin or kills us.
      }
    }
  }
}
