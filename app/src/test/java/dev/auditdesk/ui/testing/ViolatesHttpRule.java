package dev.auditdesk.ui.testing;

/** Test fixture: a UI class that speaks HTTP itself, which the architecture rules must reject. */
public class ViolatesHttpRule {
  public Object client() {
    return java.net.http.HttpClient.newHttpClient();
  }
}
