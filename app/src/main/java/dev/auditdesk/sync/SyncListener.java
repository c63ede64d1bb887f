package dev.auditdesk.sync;

/** Receives progress from a running sync, on the sync's thread. */
@FunctionalInterface
public interface SyncListener {

  SyncListener NONE = p -> {};

  void progress(SyncProgress progress);
}
