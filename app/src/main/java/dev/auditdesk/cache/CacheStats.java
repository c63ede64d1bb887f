package dev.auditdesk.cache;

import java.time.Instant;

/**
 * What a cache holds: event count, the time span it covers, how far back the server still goes
 * (events before that were purged by the server's retention and exist only here), its size on disk
 * and when it was last synced. Instants are {@link Instant#EPOCH} when unknown.
 */
public record CacheStats(
    long events,
    Instant oldest,
    Instant newest,
    Instant serverOldest,
    long bytesOnDisk,
    Instant lastSync) {}
