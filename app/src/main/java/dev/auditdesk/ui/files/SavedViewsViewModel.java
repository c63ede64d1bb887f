package dev.auditdesk.ui.files;

import dev.auditdesk.export.SavedView;
import dev.auditdesk.export.SavedViews;
import dev.auditdesk.ui.common.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The user's saved views for the File menu: save the current filter, sort and columns under a name,
 * reopen, rename, delete, and share as files. File work runs on {@code executor}; the list and the
 * status change on the FX thread.
 */
public final class SavedViewsViewModel {

  private final SavedViews store;
  private final Function<String, SavedView> current;
  private final Consumer<SavedView> opener;
  private final Executor executor;
  private final Executor fx;
  private final ObservableList<SavedView> views = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

  /**
   * @param current makes a view of what the window shows now, under the given name
   * @param opener applies a view to the window (filter, sort, columns)
   */
  public SavedViewsViewModel(
      SavedViews store,
      Function<String, SavedView> current,
      Consumer<SavedView> opener,
      Executor executor,
      Executor fx) {
    this.store = store;
    this.current = current;
    this.opener = opener;
    this.executor = executor;
    this.fx = fx;
  }

  public ObservableList<SavedView> views() {
    return views;
  }

  /** The outcome of the last action, in plain words (empty when there is nothing to say). */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public void refresh() {
    run(() -> null, ignored -> "");
  }

  /** Saves what the window shows now; a view of the same name is replaced. */
  public void saveCurrent(String name) {
    if (name == null || name.isBlank()) {
      status.set(Messages.get("views.error.noName"));
      return;
    }
    SavedView view = current.apply(name.strip());
    run(
        () -> {
          store.save(view);
          return view;
        },
        v -> Messages.get("views.saved", v.name()));
  }

  public void open(SavedView view) {
    opener.accept(view);
    status.set(Messages.get("views.opened", view.name()));
  }

  public void rename(SavedView view, String newName) {
    if (newName == null || newName.isBlank()) {
      status.set(Messages.get("views.error.noName"));
      return;
    }
    run(() -> store.rename(view.name(), newName), v -> Messages.get("views.renamed", v.name()));
  }

  public void delete(SavedView view) {
    run(
        () -> {
          store.delete(view.name());
          return view;
        },
        v -> Messages.get("views.deleted", v.name()));
  }

  public void exportView(SavedView view, Path file) {
    run(
        () -> {
          SavedViews.exportTo(view, file);
          return view;
        },
        v -> Messages.get("views.exported", v.name(), file.toString()));
  }

  /** Adds a shared view file to the user's views (renamed if the name is taken). */
  public void importView(Path file) {
    run(() -> store.importFrom(file), v -> Messages.get("views.imported", v.name()));
  }

  private interface Work {
    SavedView run() throws IOException;
  }

  private void run(Work work, Function<SavedView, String> done) {
    executor.execute(
        () -> {
          String message;
          List<SavedView> list;
          try {
            SavedView v = work.run();
            message = done.apply(v);
          } catch (IOException | IllegalArgumentException e) {
            message = e.getMessage();
          }
          try {
            list = store.list();
          } catch (IOException e) {
            list = List.of();
            message = Messages.get("views.error.list", e.getMessage());
          }
          String m = message;
          List<SavedView> l = list;
          fx.execute(
              () -> {
                views.setAll(l);
                status.set(m);
              });
        });
  }
}
