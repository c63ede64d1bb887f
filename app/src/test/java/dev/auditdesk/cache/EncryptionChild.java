package dev.auditdesk.cache;

import dev.auditdesk.model.Deployment;
import java.nio.file.Path;

/**
 * Run in a second JVM by {@link CacheEncryptionTest}, which kills it: {@code ROOT URL} encrypts and
 * decrypts the cache again and again, saying when each conversion starts and ends. The key is a
 * fixed test key (the OS keyring cannot run on the build machine).
 */
public final class EncryptionChild {

  static final CacheKey TEST_KEY = new CacheKey("dGVzdC1rZXktbm90LWEtc2VjcmV0LWp1c3QtZm9yLWtpbGxz");

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Deployment d = Deployment.parse(args[1]);
    MemoryCacheKeys keys = new MemoryCacheKeys();
    keys.save(d, TEST_KEY);
    for (int i = 1; i <= 1000; i++) {
      say("encrypt " + i + " start");
      CacheStore.encrypt(root, d, keys);
      say("decrypt " + i + " start");
      CacheStore.decrypt(root, d, keys);
    }
    say("done");
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
