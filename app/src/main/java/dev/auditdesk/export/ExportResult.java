package dev.auditdesk.export;

import java.nio.file.Path;

/** A finished export: the file, its manifest, and what the manifest says. */
public record ExportResult(Path file, Path manifestFile, ExportManifest manifest) {}
