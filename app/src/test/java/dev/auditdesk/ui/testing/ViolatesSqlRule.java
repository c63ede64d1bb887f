package dev.auditdesk.ui.testing;

/** Test fixture: a UI class that runs SQL, which the architecture rules must reject. */
public class ViolatesSqlRule {
  public Object query(java.sql.Connection c) throws java.sql.SQLException {
    return c.prepareStatement("SELECT 1");
  }
}
