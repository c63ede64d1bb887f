package dev.auditdesk.ui;

import dev.auditdesk.Version;
import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The AuditDesk window. */
public class AuditDeskApp extends Application {

  @Override
  public void start(Stage stage) {
    Label title = new Label("AuditDesk");
    title.setId("app-title");
    Label version = new Label("Version " + Version.version());
    VBox root = new VBox(8, title, version);
    root.setAlignment(Pos.CENTER);
    stage.setTitle("AuditDesk");
    stage.setScene(new Scene(root, 1100, 720));
    stage.show();
  }
}
