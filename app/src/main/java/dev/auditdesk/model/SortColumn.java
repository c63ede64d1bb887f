package dev.auditdesk.model;

/** Columns the cache can sort all matching events by. */
public enum SortColumn {
  TIME,
  USER,
  ACTION,
  RESOURCE_TYPE,
  RESOURCE_TARGET,
  STATUS,
  IP,
  ORGANIZATION
}
