package dev.auditdesk.ui.app;

import dev.auditdesk.export.SavedView;
import dev.auditdesk.export.SavedViews;
import dev.auditdesk.model.Deployment;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.files.ExportDialog;
import dev.auditdesk.ui.files.ExportViewModel;
import dev.auditdesk.ui.files.ImportAction;
import dev.auditdesk.ui.files.ImportViewModel;
import dev.auditdesk.ui.files.SavedViewsMenu;
import dev.auditdesk.ui.files.SavedViewsViewModel;
import dev.auditdesk.ui.filters.QueryModel;
import dev.auditdesk.ui.table.LayoutPersistence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Puts Export…, Import audit files… and Saved views at the top of the main window's File menu,
 * wired to the window's current filter, sort and columns.
 */
public final class FileMenuExtensions {

  private final ExportViewModel export;
  private final SavedViewsViewModel views;
  private final ImportViewModel importer;

  private FileMenuExtensions(
      ExportViewModel export, SavedViewsViewModel views, ImportViewModel importer) {
    this.export = export;
    this.views = views;
    this.importer = importer;
  }

  public ExportViewModel exportViewModel() {
    return export;
  }

  public SavedViewsViewModel savedViewsViewModel() {
    return views;
  }

  public ImportViewModel importViewModel() {
    return importer;
  }

  /**
   * @param viewsDir where saved views live (normally {@code views} in the config folder)
   * @param opener opens the cache of an imported deployment (lends the window's own when it is the
   *     one shown)
   * @param background runs exports, imports and view file work off the FX thread
   */
  public static FileMenuExtensions install(
      MainView view,
      Path viewsDir,
      ImportViewModel.CacheOpener opener,
      ExecutorService background) {
    MainViewModel vm = view.viewModel();
    QueryModel q = vm.queryModel();
    TableView<?> table = view.eventTable().table();

    ExportViewModel export =
        new ExportViewModel(vm::cache, q.queryProperty(), q.sortProperty(), background);
    export.proposeFile(Path.of(System.getProperty("user.home")));
    MenuItem exportItem = new MenuItem(Messages.get("export.menu"));
    exportItem.setId("menu-export");
    exportItem.setAccelerator(
        new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    exportItem.setOnAction(e -> ExportDialog.show(view.getScene().getWindow(), export));

    SavedViewsViewModel views =
        new SavedViewsViewModel(
            new SavedViews(viewsDir),
            name -> new SavedView(name, q.query(), q.sort(), visibleColumns(table)),
            v -> {
              q.setQuery(v.query());
              q.setSort(v.sort());
              applyColumns(table, v.columns());
            },
            background);
    SavedViewsMenu viewsMenu = new SavedViewsMenu(views);

    ImportViewModel importer =
        new ImportViewModel(
            opener,
            (Deployment d) -> {
              if (d.equals(vm.session().deployment())) {
                vm.refresh();
              }
            },
            background);
    ImportAction importAction = new ImportAction(importer, () -> view.getScene().getWindow());

    view.fileMenu()
        .getItems()
        .addAll(
            0,
            List.of(
                exportItem,
                importAction.menuItem(),
                new SeparatorMenuItem(),
                viewsMenu,
                new SeparatorMenuItem()));
    return new FileMenuExtensions(export, views, importer);
  }

  /** The ids of the visible columns, in display order. */
  static List<String> visibleColumns(TableView<?> table) {
    List<String> ids = new ArrayList<>();
    for (TableColumn<?, ?> c : table.getColumns()) {
      if (c.isVisible()) {
        ids.add(LayoutPersistence.idOf(c));
      }
    }
    return ids;
  }

  /** Shows exactly the listed columns in that order (others hidden, after them); empty: as is. */
  static <S> void applyColumns(TableView<S> table, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Map<String, TableColumn<S, ?>> byId = new HashMap<>();
    table.getColumns().forEach(c -> byId.put(LayoutPersistence.idOf(c), c));
    List<TableColumn<S, ?>> ordered = new ArrayList<>();
    for (String id : ids) {
      TableColumn<S, ?> c = byId.remove(id);
      if (c != null) {
        c.setVisible(true);
        ordered.add(c);
      }
    }
    for (TableColumn<S, ?> c : table.getColumns()) {
      if (byId.containsKey(LayoutPersistence.idOf(c))) {
        c.setVisible(false);
        ordered.add(c);
      }
    }
    if (!ordered.equals(table.getColumns())) {
      table.getColumns().setAll(ordered);
    }
  }
}
