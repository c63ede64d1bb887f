package dev.auditdesk.cache;

import dev.auditdesk.model.ChainLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  /** Links {@code expected} to {@code pos - 1} are not there: deleted from the {@code place}. */
  public void gap(long expected, long pos, String log, String place) {
    if (pos != expected) {
      add(
          expected,
          "Links "
              + expected
              + " to "
              + (pos - 1)
              + " of the "
              + log
              + "'s chain are missing: they were deleted from the "
              + place
              + ".");
    }
  }

  /**
   * Compares a checkpoint's recorded link ({@code recorded}, null when none is at {@code pos}) with
   * the chain's; true when one is there and matches.
   */
  public boolean checkpoint(long pos, byte[] recorded, byte[] link, String log) {
    if (recorded == null) {
      return false;
    }
    if (Arrays.equals(recorded, link)) {
      return true;
    }
    add(pos, "The " + log + "'s checkpoint at position " + pos + " does not match its chain.");
    return false;
  }

  /**
   * The JSON link {@code pos} covered: the version a later write replaced after it, else what the
   * row holds {@code now} (null: the row is gone).
   */
  public static String jsonAt(NavigableMap<Long, String> replaced, long pos, String now) {
    Map.Entry<Long, String> later = replaced == null ? null : replaced.higherEntry(pos);
    return later != null ? later.getValue() : now;
  }
}
