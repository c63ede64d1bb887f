package dev.auditdesk.model;

/** Test fixture: a model record that opens a database, which the rules must reject. */
public class ViolatesModelRule {
  public Object open() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection("jdbc:h2:mem:");
  }
}
