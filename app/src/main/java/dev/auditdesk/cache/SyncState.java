package dev.auditdesk.cache;

import java.time.Instant;

/**
 * Where syncing a deployment stands, stored in the cache beside the events it describes so that a
 * killed sync resumes where it stopped. Instants are {@link Instant#EPOCH} when unknown.
 *
 * @param lastSync when the last sync finished successfully
 * @param historyComplete the whole history the server had was read once, down to its oldest event
 * @param serverOldest the oldest event the server still had when the history was last read to its
 *     end; older cached events were purged by the server's retention and exist only here
 * @param serverVersion the Coder version that answered the last sync
 * @param walkedAt the server's clock when a sync last walked from the newest event down (every day
 *     newer than the newest checked day was then seen to be empty)
 */
public record SyncState(
    Instant lastSync,
    boolean historyComplete,
    Instant serverOldest,
    String serverVersion,
    Instant walkedAt) {

  public static final SyncState NEVER =
      new SyncState(Instant.EPOCH, false, Instant.EPOCH, "", Instant.EPOCH);

  public SyncState {
    lastSync = lastSync == null ? Instant.EPOCH : lastSync;
    serverOldest = serverOldest == null ? Instant.EPOCH : serverOldest;
    serverVersion = serverVersion == null ? "" : serverVersion;
    walkedAt = walkedAt == null ? Instant.EPOCH : walkedAt;
  }

  public SyncState withLastSync(Instant t) {
    return new SyncState(t, historyComplete, serverOldest, serverVersion, walkedAt);
  }

  public SyncState withHistory(boolean complete) {
    return new SyncState(lastSync, complete, serverOldest, serverVersion, walkedAt);
  }

  public SyncState withServerOldest(Instant t) {
    return new SyncState(lastSync, historyComplete, t, serverVersion, walkedAt);
  }

  public SyncState withServerVersion(String v) {
    return new SyncState(lastSync, historyComplete, serverOldest, v, walkedAt);
  }

  public SyncState withWalkedAt(Instant t) {
    return new SyncState(lastSync, historyComplete, serverOldest, serverVersion, t);
  }
}
