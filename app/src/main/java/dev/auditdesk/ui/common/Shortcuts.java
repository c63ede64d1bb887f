package dev.auditdesk.ui.common;

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
 * Keys the menus do not carry: Ctrl+C copies the selected rows of the table (as TSV), Esc clears
 * the filter that has the focus. Ctrl+F, Ctrl+L and F5 are menu accelerators of the main window.
 * (Ctrl is Cmd on macOS.)
 */
public final class Shortcuts {

  /** Key of a node property holding a Runnable that clears that filter (for Esc). */
  public static final String CLEAR = "auditdesk.clearFilter";

  public static final KeyCombination COPY =
      new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  /** Opens the Insights panel (View ▸ Insights). */
  public static final KeyCombination INSIGHTS =
      new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);

  private Shortcuts() {}

  /** Ctrl+C in the table runs {@code copy} (which copies the selected rows). */
  public static void installCopy(TableView<?> table, Runnable copy) {
    table.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (COPY.match(e)) {
            copy.run();
            e.consume();
          }
        });
  }

  /** Esc anywhere in {@code filters} clears the control that has the focus. */
  public static void installEscape(Scene scene, Parent filters) {
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE && clearFocusedFilter(scene, filters)) {
            e.consume();
          }
        });
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
