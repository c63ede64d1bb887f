package dev.auditdesk.ui.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;

/** Every text a person could see or hover in a scene graph: labels, fields, tooltips. */
public final class SceneText {

  private SceneText() {}

  public static List<String> of(Node root) {
    List<String> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, List<String> out) {
    if (n instanceof Labeled l && l.getText() != null) {
      out.add(l.getText());
    }
    if (n instanceof TextInputControl t && t.getText() != null) {
      out.add(t.getText());
    }
    if (n instanceof Control c && c.getTooltip() != null && c.getTooltip().getText() != null) {
      out.add(c.getTooltip().getText());
    }
    if (n instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collect(child, out);
      }
    }
  }
}
