package dev.auditdesk.ui.connections;

import dev.auditdesk.ui.common.Messages;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** Audit log | Connections: which log the window shows (Ctrl+1 / Ctrl+2 in the View menu too). */
public final class LogSwitcher extends HBox {

  private final ToggleButton audit = new ToggleButton(Messages.get("log.audit"));
  private final ToggleButton connections = new ToggleButton(Messages.get("log.connections"));

  /**
   * @param showConnections true while the connection log is shown
   */
  public LogSwitcher(BooleanProperty showConnections) {
    setId("log-switcher");
    getStyleClass().add("log-switcher");
    setAlignment(Pos.CENTER_LEFT);
    audit.setId("log-audit");
    connections.setId("log-connections");
    audit.getStyleClass().add("left-pill");
    connections.getStyleClass().add("right-pill");
    ToggleGroup group = new ToggleGroup();
    audit.setToggleGroup(group);
    connections.setToggleGroup(group);
    // One of the two is always chosen: clicking the chosen one keeps it.
    group
        .selectedToggleProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null) {
                was.setSelected(true);
              } else {
                showConnections.set(now == connections);
              }
            });
    showConnections.addListener((o, was, now) -> (now ? connections : audit).setSelected(true));
    (showConnections.get() ? connections : audit).setSelected(true);
    getChildren().addAll(audit, connections);
  }
}
