package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A child JVM's output lines, read as they come, for tests that kill the child at a marker. */
final class ChildOutput {

  private ChildOutput() {}

  /** Starts reading {@code child}'s output; destroying the process closes the pipe. */
  static List<String> of(Process child) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (IOException closed) {
                // The child was killed.
              }
            },
            "child-output");
    t.setDaemon(true);
    t.start();
    return lines;
  }

  /** Waits up to a minute until the child has said a line starting with {@code marker}. */
  static void awaitLine(Process child, List<String> out, String marker)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    boolean ended = false;
    while (System.currentTimeMillis() < deadline) {
      if (out.stream().anyMatch(l -> l.startsWith(marker))) {
        return;
      }
      if (ended) {
        fail("the child ended before saying '" + marker + "': " + out);
      }
      if (!child.isAlive()) {
        ended = true;
        Thread.sleep(200); // let the reader take the last lines
      }
      Thread.sleep(1);
    }
    fail("the child never said '" + marker + "': " + out);
  }
}
