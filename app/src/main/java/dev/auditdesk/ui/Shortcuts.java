package dev.auditdesk.ui;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The window's keyboard: Ctrl+F free text, Ctrl+L query field, F5 sync now, Ctrl+C copies the
 * selected rows of the table, Esc clears the filter that has the focus. (Ctrl is Cmd on macOS.)
 */
public final class Shortcuts {

  /** Key of a node property holding a Runnable that clears that filter (for Esc). */
  public static final String CLEAR = "auditdesk.clearFilter";

  public static final KeyCombination FIND =
      new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
  public static final KeyCombination QUERY =
      new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
  public static final KeyCombination SYNC = new KeyCodeCombination(KeyCode.F5);
  public static final KeyCombination COPY =
      new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private Shortcuts() {}

  /**
   * @param searchField the free-text search box
   * @param queryField the Coder-style query field
   * @param syncNow what F5 does
   * @param table whose selected rows Ctrl+C copies while it has the focus
   * @param filters the filter bar: Esc clears the focused control inside it
   */
  public static void install(
      Scene scene,
      Supplier<Node> searchField,
      Supplier<Node> queryField,
      Runnable syncNow,
      TableView<?> table,
      Supplier<Parent> filters) {
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (FIND.match(e)) {
            focus(searchField.get());
            e.consume();
          } else if (QUERY.match(e)) {
            focus(queryField.get());
            e.consume();
          } else if (SYNC.match(e)) {
            syncNow.run();
            e.consume();
          } else if (e.getCode() == KeyCode.ESCAPE && clearFocusedFilter(scene, filters.get())) {
            e.consume();
          }
        });
    table.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (COPY.match(e)) {
            TableCopy.copySelected(table);
            e.consume();
          }
        });
  }

  private static void focus(Node n) {
    if (n == null) {
      return;
    }
    n.requestFocus();
    if (n instanceof TextInputControl t) {
      t.selectAll();
    }
  }

  /** Clears the filter control holding the focus; false when the focus is not in a filter. */
  static boolean clearFocusedFilter(Scene scene, Parent filters) {
    Node n = scene.getFocusOwner();
    if (n == null || filters == null || !isInside(n, filters)) {
      return false;
    }
    for (Node c = n; c != null && c != filters.getParent(); c = c.getParent()) {
      Object clear = c.getProperties().get(CLEAR);
      if (clear instanceof Runnable r) {
        r.run();
        return true;
      }
      if (c instanceof TextInputControl t && t.getText() != null && !t.getText().isEmpty()) {
        t.clear();
        return true;
      }
      if (c instanceof ComboBoxBase<?> box) {
        box.setValue(null);
        return true;
      }
    }
    return false;
  }

  private static boolean isInside(Node n, Parent p) {
    for (Node c = n; c != null; c = c.getParent()) {
      if (c == p) {
        return true;
      }
    }
    return false;
  }
}
