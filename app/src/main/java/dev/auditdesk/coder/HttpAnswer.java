package dev.auditdesk.coder;

import org.apache.hc.core5.http.Header;

/**
 * One answer as read: the status, the content type, the (inflated) body, and the {@code
 * Retry-After} header, or the {@code Location} of a redirect when the content type is {@code
 * "location"}.
 */
record HttpAnswer(int status, String contentType, byte[] body, Header retryAfter) {}
