package dev.auditdesk.cache;

import dev.auditdesk.model.Deployment;
import java.nio.file.Path;

/**
 * Run in a second JVM by {@link CrashSafetyTest}, which kills it: {@code open ROOT URL} opens a
 * cache (migrating an old one) and says so; {@code compact ROOT URL} compacts it again and again,
 * saying when each compaction starts and ends.
 */
public final class CrashChild {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[1]);
    Deployment d = Deployment.parse(args[2]);
    say("opening");
    try (H2AuditCache cache = CacheStore.open(root, d, CacheStore.OpenMode.READ_WRITE)) {
      say("open " + cache.total());
      if (args[0].equals("compact")) {
        for (int i = 1; i <= 1000; i++) {
          say("compact " + i + " start");
          cache.compact();
          say("compact " + i + " done");
        }
      }
    }
    say("closed");
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
