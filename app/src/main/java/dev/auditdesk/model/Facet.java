package dev.auditdesk.model;

/**
 * A dimension the user filters on with a combo box. The first four are the filters of Coder's audit
 * page, under the same names.
 */
public enum Facet {
  RESOURCE_TYPE("Resource Type"),
  ACTION("Action"),
  RESOURCE_TARGET("Resource Target"),
  USER("User"),
  ORGANIZATION("Organization");

  private final String title;

  Facet(String title) {
    this.title = title;
  }

  /** The name shown on the filter, as on Coder's audit page. */
  public String title() {
    return title;
  }
}
