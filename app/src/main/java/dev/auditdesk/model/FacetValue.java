package dev.auditdesk.model;

/** One choice in a filter combo box, with how many events it has under the other filters. */
public record FacetValue(String value, long count) {}
