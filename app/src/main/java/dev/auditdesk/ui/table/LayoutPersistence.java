package dev.auditdesk.ui.table;

import dev.auditdesk.model.EventColumn;
import dev.auditdesk.ui.settings.ScreenFit;
import dev.auditdesk.ui.settings.ThemeChoice;
import dev.auditdesk.ui.settings.UiSettings;
import dev.auditdesk.ui.settings.UiSettings.ColumnLayout;
import dev.auditdesk.ui.settings.UiSettings.WindowBounds;
import dev.auditdesk.ui.settings.UiSettingsStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Restores the window as the user left it (bounds, table columns, details divider, theme) and saves
 * every change shortly after it happens, so a crash loses at most the last half second.
 */
public final class LayoutPersistence {

  private final UiSettingsStore store;
  private final PauseTransition saveSoon = new PauseTransition(Duration.millis(400));
  private Stage stage;
  private TableView<?> table;
  private TableView<?> connectionTable;
  private SplitPane split;

  public LayoutPersistence(UiSettingsStore store) {
    this.store = store;
    saveSoon.setOnFinished(e -> saveNow());
  }

  public UiSettings settings() {
    return store.get();
  }

  /** Puts the window where it was; ignores saved bounds that are on no screen any more. */
  public void attachWindow(Stage s) {
    this.stage = s;
    WindowBounds saved = store.get().window();
    if (saved.isSaved() && onSomeScreen(saved)) {
      WindowBounds w = ScreenFit.fit(saved, screenOf(saved).getVisualBounds());
      s.setX(w.x());
      s.setY(w.y());
      s.setWidth(w.width());
      s.setHeight(w.height());
      s.setMaximized(w.maximized());
    }
    s.xProperty().addListener((o, a, b) -> changed());
    s.yProperty().addListener((o, a, b) -> changed());
    s.widthProperty().addListener((o, a, b) -> changed());
    s.heightProperty().addListener((o, a, b) -> changed());
    s.maximizedProperty().addListener((o, a, b) -> changed());
    s.addEventHandler(WindowEvent.WINDOW_HIDING, e -> saveNow());
  }

  /** Applies the saved column order, widths and visibility, then follows the user's changes. */
  public void attachTable(TableView<?> t) {
    this.table = t;
    apply(t, store.get().columns());
    t.getColumns()
        .addListener(
            (ListChangeListener<TableColumn<?, ?>>)
                c -> {
                  watchColumns(t);
                  changed();
                });
    watchColumns(t);
  }

  /** As {@link #attachTable}, for the Connections view's table (its layout is saved apart). */
  public void attachConnectionTable(TableView<?> t) {
    this.connectionTable = t;
    apply(t, store.get().connectionColumns());
    t.getColumns()
        .addListener(
            (ListChangeListener<TableColumn<?, ?>>)
                c -> {
                  watchColumns(t);
                  changed();
                });
    watchColumns(t);
  }

  /**
   * Follows the divider between the table and the details pane, which appears with the pane (the
   * view places it at {@link UiSettings#detailsDivider()}).
   */
  public void attachDivider(SplitPane s) {
    this.split = s;
    s.getDividers()
        .addListener(
            (ListChangeListener<SplitPane.Divider>)
                c -> {
                  while (c.next()) {
                    c.getAddedSubList()
                        .forEach(d -> d.positionProperty().addListener((o, a, b) -> changed()));
                  }
                });
    s.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> changed()));
  }

  public void saveTheme(ThemeChoice choice) {
    store.save(capture().withTheme(choice));
  }

  public void saveLastDeployment(String url) {
    store.save(capture().withLastDeployment(url));
  }

  /** Writes the current layout now (also done when the window closes). */
  public void saveNow() {
    saveSoon.stop();
    store.save(capture());
  }

  private void changed() {
    saveSoon.playFromStart();
  }

  private UiSettings capture() {
    UiSettings s = store.get();
    if (stage != null && stage.isShowing()) {
      // While maximized the stage reports the screen's bounds: keep the last normal ones.
      WindowBounds old = s.window();
      s =
          stage.isMaximized() && old.isSaved()
              ? s.withWindow(new WindowBounds(old.x(), old.y(), old.width(), old.height(), true))
              : s.withWindow(
                  new WindowBounds(
                      stage.getX(),
                      stage.getY(),
                      stage.getWidth(),
                      stage.getHeight(),
                      stage.isMaximized()));
    }
    if (table != null && !ColumnFit.pending(table)) {
      s = s.withColumns(capture(table));
    }
    if (connectionTable != null) {
      s = s.withConnectionColumns(capture(connectionTable));
    }
    if (split != null && !split.getDividers().isEmpty()) {
      s = s.withDetailsDivider(split.getDividers().get(0).getPosition());
    }
    return s;
  }

  private void watchColumns(TableView<?> t) {
    for (TableColumn<?, ?> c : t.getColumns()) {
      if (c.getProperties().putIfAbsent(LayoutPersistence.class, Boolean.TRUE) == null) {
        c.widthProperty().addListener((o, a, b) -> changed());
        c.visibleProperty().addListener((o, a, b) -> changed());
      }
    }
  }

  /** The id a layout or a saved view stores for a column: the registry's, else its own id. */
  public static String idOf(TableColumn<?, ?> c) {
    return TableColumns.columnOf(c)
        .map(EventColumn::tableColumnId)
        .orElseGet(() -> c.getId() != null && !c.getId().isBlank() ? c.getId() : c.getText());
  }

  static List<ColumnLayout> capture(TableView<?> t) {
    List<ColumnLayout> out = new ArrayList<>();
    for (TableColumn<?, ?> c : t.getColumns()) {
      out.add(
          new ColumnLayout(
              idOf(c), c.getWidth() > 0 ? c.getWidth() : c.getPrefWidth(), c.isVisible()));
    }
    return out;
  }

  /**
   * Saved columns first in their saved order; columns this version added keep their place after.
   */
  static <S> void apply(TableView<S> t, List<ColumnLayout> saved) {
    if (saved.isEmpty()) {
      return;
    }
    Map<String, TableColumn<S, ?>> byId = new HashMap<>();
    for (TableColumn<S, ?> c : t.getColumns()) {
      byId.put(idOf(c), c);
    }
    List<TableColumn<S, ?>> ordered = new ArrayList<>();
    for (ColumnLayout l : saved) {
      TableColumn<S, ?> c = byId.remove(l.id());
      if (c != null) {
        if (l.width() > 0) {
          c.setPrefWidth(l.width());
        }
        c.setVisible(l.visible());
        ordered.add(c);
      }
    }
    for (TableColumn<S, ?> c : t.getColumns()) {
      if (byId.containsKey(idOf(c))) {
        ordered.add(c);
      }
    }
    if (!ordered.equals(t.getColumns())) {
      t.getColumns().setAll(ordered);
    }
  }

  private static Screen screenOf(WindowBounds w) {
    return Screen.getScreensForRectangle(new Rectangle2D(w.x(), w.y(), w.width(), w.height()))
        .get(0);
  }

  private static boolean onSomeScreen(WindowBounds w) {
    return !Screen.getScreensForRectangle(new Rectangle2D(w.x(), w.y(), w.width(), w.height()))
        .isEmpty();
  }
}
