package dev.auditdesk.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Event counts per time bucket, oldest first. */
public record Histogram(Duration bucket, List<Bucket> buckets) {

  /** One bar: events starting at {@code start}, of which {@code failed} had status ≥ 400. */
  public record Bucket(Instant start, long total, long failed) {}

  public Histogram {
    buckets = List.copyOf(buckets);
  }
}
