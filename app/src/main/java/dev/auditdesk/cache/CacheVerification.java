package dev.auditdesk.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * What re-walking both of a cache's hash chains found ({@link CacheEvidence#verify()}): the audit
 * log's and the connection log's, in one snapshot of the file.
 */
public record CacheVerification(ChainReport auditLog, ChainReport connectionLog) {

  /** True only when both chains are there and whole. */
  public boolean whole() {
    return auditLog.whole() && connectionLog.whole();
  }

  /** Both reports in plain words, the audit log's first. */
  public List<String> lines() {
    List<String> out = new ArrayList<>(auditLog.lines());
    out.addAll(connectionLog.lines());
    return out;
  }
}
