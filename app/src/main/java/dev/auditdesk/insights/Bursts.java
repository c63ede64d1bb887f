package dev.auditdesk.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds bursts: runs of at least {@code n} times where {@code n} fall within one window. */
final class Bursts {

  /** One burst: positions {@code first..last} (inclusive) of the times given. */
  record Span(int first, int last) {
    int size() {
      return last - first + 1;
    }
  }

  private Bursts() {}

  /**
   * The bursts among {@code times} (ascending): every time that lies in some window of length
   * {@code window} holding {@code n} or more times belongs to one; overlapping or touching windows
   * make one burst.
   */
  static List<Span> of(List<Instant> times, int n, Duration window) {
    int size = times.size();
    boolean[] in = new boolean[size];
    int i = 0;
    int markedTo = -1;
    for (int j = 0; j < size; j++) {
      while (Duration.between(times.get(i), times.get(j)).compareTo(window) > 0) {
        i++;
      }
      if (j - i + 1 >= n) {
        for (int k = Math.max(i, markedTo + 1); k <= j; k++) {
          in[k] = true;
        }
        markedTo = j;
      }
    }
    List<Span> out = new ArrayList<>();
    int start = -1;
    for (int k = 0; k <= size; k++) {
      boolean joins =
          k < size
              && in[k]
              && start >= 0
              && Duration.between(times.get(k - 1), times.get(k)).compareTo(window) <= 0;
      if (k < size && in[k] && start < 0) {
        start = k;
      } else if (start >= 0 && !joins) {
        out.add(new Span(start, k - 1));
        start = k < size && in[k] ? k : -1;
      }
    }
    return out;
  }
}
