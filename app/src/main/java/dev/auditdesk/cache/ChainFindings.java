package dev.auditdesk.cache;

import dev.auditdesk.model.ChainLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * What a walk of a hash chain found wrong, for the H2 cache's chains and the archive's alike: the
 * first {@link #MAX_LISTED} plain sentences, how many in all, and the first bad position.
 */
public final class ChainFindings {

  /** At most this many sentences are kept; the rest are only counted. */
  public static final int MAX_LISTED = 20;

  private final List<String> listed = new ArrayList<>();
  private long firstBad = -1;
  private int found;

  /** One finding at {@code position}. */
  public void add(long position, String sentence) {
    found++;
    if (firstBad < 0 || position < firstBad) {
      firstBad = position;
    }
    if (listed.size() < MAX_LISTED) {
      listed.add(sentence);
    }
  }

  /** Findings counted in bulk beyond those added one by one. */
  public void addUncounted(long n) {
    found += (int) Math.min(Integer.MAX_VALUE - (long) found, Math.max(0, n));
  }

  /** The first bad position, -1 when none. */
  public long firstBad() {
    return firstBad;
  }

  public int found() {
    return found;
  }

  /** The sentences kept, at most {@link #MAX_LISTED}. */
  public List<String> listed() {
    return List.copyOf(listed);
  }

  /** How many findings were counted but not listed. */
  public int unlisted() {
    return found - listed.size();
  }

  /**
   * Checks where the chain ends against what AuditDesk recorded ({@code head}, the checkpoints):
   * links removed from the end, a last link changed, or the record of the end removed. {@code log}
   * names the log ("audit log"), {@code place} where the record lived ("file", "archive").
   */
  public void checkEnd(
      Optional<ChainLink.Head> head,
      NavigableMap<Long, ?> checkpoints,
      long links,
      byte[] last,
      String log,
      String place) {
    long recorded = head.map(ChainLink.Head::next).orElse(0L);
    if (!checkpoints.isEmpty()) {
      recorded = Math.max(recorded, checkpoints.lastKey() + 1);
    }
    String chain = "The " + log + "'s chain";
    if (recorded > links) {
      add(
          links,
          chain
              + " ends at "
              + links
              + " links, but AuditDesk recorded "
              + recorded
              + ": the last "
              + (recorded - links)
              + " were removed.");
    } else if (head.isPresent()
        && head.get().next() == links
        && !Arrays.equals(head.get().link(), last)) {
      add(links - 1, chain + "'s last link is not the one AuditDesk recorded.");
    } else if (head.isEmpty() && links > 0) {
      add(
          links - 1,
          "The record of where the " + log + "'s chain ends was removed from the " + place + ".");
    }
  }
}
