package dev.auditdesk.export;

import java.time.Instant;

/** What an export shows about itself in human words (titles of the HTML report). */
record ExportDescription(String deployment, String filter, String sort, Instant created) {}
