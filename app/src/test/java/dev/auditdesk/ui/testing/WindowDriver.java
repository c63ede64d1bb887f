package dev.auditdesk.ui.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.cache.AuditCache;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.app.AuditDeskApp;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.app.MainViewModel;
import dev.auditdesk.ui.filters.FacetPicker;
import dev.auditdesk.ui.table.EventRows;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real AuditDesk window for UI tests: launch, sign in, pick filters, wait. */
public final class WindowDriver {

  public static final long TIMEOUT_S = 60;

  public final FxRobot robot = new FxRobot();
  public AuditDeskApp app;

  /** Starts the app with its data and config under {@code home} and the login screen showing. */
  public void launch(Path home) throws Exception {
    System.setProperty("auditdesk.home", home.toString());
    System.setProperty("auditdesk.keyring", "off");
    FxToolkit.registerPrimaryStage();
    app = (AuditDeskApp) FxToolkit.setupApplication(AuditDeskApp::new);
    waitFor("the sign-in screen", () -> app.loginView().isPresent());
  }

  public void close() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
      FxToolkit.cleanupStages();
      app = null;
    }
  }

  public void signIn(String url, String email, String password) {
    robot.clickOn("#url-field").write(url).type(KeyCode.ENTER);
    waitFor("the URL check", () -> text("#url-info").startsWith("Coder "));
    robot.clickOn("#email-field").write(email);
    robot.clickOn("#password-field").write(password).type(KeyCode.ENTER);
  }

  /** Waits until the main window shows, its first sync finished and the table shows all events. */
  public MainView waitForSyncedTable() {
    waitFor("the main window", () -> app.mainView().isPresent());
    MainView v = app.mainView().get();
    waitFor("the first sync", () -> v.syncViewModel().completedProperty().get());
    waitFor(
        "the table to show every cached event",
        () -> {
          long total = v.viewModel().cache().total();
          return total > 0
              && !v.viewModel().queryingProperty().get()
              && v.viewModel().matchingProperty().get() == total
              && v.eventTable().rowCount() == total;
        });
    return v;
  }

  public MainView main() {
    return app.mainView().orElseThrow();
  }

  public AuditCache cache() {
    return main().viewModel().cache();
  }

  public AuditQuery query() {
    return main().viewModel().queryModel().query();
  }

  /** Waits until the table shows the result of the current query model. */
  public void waitForQuery() {
    waitFor(
        "the query to run",
        () -> {
          MainViewModel vm = main().viewModel();
          EventRows rows = vm.rowsProperty().get();
          return !vm.queryingProperty().get()
              && rows != null
              && rows.query().equals(vm.queryModel().query())
              && rows.order().equals(vm.queryModel().sort());
        });
  }

  /** Opens a filter, checks the choice for {@code value} by clicking it, closes the filter. */
  public void check(Facet facet, String value) {
    FacetPicker p = main().filterBar().picker(facet);
    robot.clickOn(p);
    waitFor("the " + facet.title() + " list", p::isOpen);
    String label = FacetPicker.label(facet, value);
    Node box =
        robot
            .lookup(".facet-choice .check-box")
            .match(
                (CheckBox c) ->
                    c.isVisible()
                        && (c.getText().equals(label) || c.getText().startsWith(label + "  (")))
            .query();
    robot.clickOn(box);
    robot.type(KeyCode.ESCAPE);
    waitFor("the " + facet.title() + " list to close", () -> !p.isOpen());
  }

  /** The choices a filter offers now, most frequent first. */
  public List<FacetValue> choices(Facet facet) {
    FacetPicker p = main().filterBar().picker(facet);
    waitForQuery();
    waitFor(
        facet.title() + " choices for the current result",
        () -> main().viewModel().facetsCurrentProperty().get() && !p.values().isEmpty());
    return fx(p::values);
  }

  public String text(String selector) {
    Node n = robot.lookup(selector).query();
    return n instanceof javafx.scene.control.Labeled l ? l.getText() : String.valueOf(n);
  }

  public static void waitFor(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, condition);
    } catch (Exception e) {
      Path shot = screenshot(what);
      throw new AssertionError("Timed out waiting for " + what + " (screen: " + shot + ")", e);
    }
  }

  /** Saves what the window shows, for a failed wait. */
  public static Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "ui-failures");
      java.nio.file.Files.createDirectories(dir);
      Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
      javafx.scene.image.WritableImage img =
          fx(() -> FxToolkit.toolkitContext().getRegisteredStage().getScene().snapshot(null));
      int width = (int) img.getWidth();
      int height = (int) img.getHeight();
      java.awt.image.BufferedImage bi =
          new java.awt.image.BufferedImage(
              width, height, java.awt.image.BufferedImage.TYPE_INT_ARGB);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          bi.setRGB(x, y, img.getPixelReader().getArgb(x, y));
        }
      }
      javax.imageio.ImageIO.write(bi, "png", file.toFile());
      return file;
    } catch (Throwable t) {
      return Path.of("(no screenshot: " + t + ")");
    }
  }

  /** Runs on the FX thread and returns its value. */
  public static <T> T fx(Supplier<T> s) {
    try {
      return WaitForAsyncUtils.asyncFx(s::get).get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static void assertEventually(String what, Callable<Boolean> condition) {
    waitFor(what, condition);
    try {
      assertTrue(condition.call(), what);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The index of the first of {@code table}'s first {@code limit} rows {@code which} accepts. */
  public static <T> int firstRow(
      javafx.scene.control.TableView<T> table, int limit, java.util.function.Predicate<T> which) {
    return fx(
        () -> {
          for (int i = 0; i < Math.min(limit, table.getItems().size()); i++) {
            if (which.test(table.getItems().get(i))) {
              return i;
            }
          }
          return -1;
        });
  }

  /** Scrolls {@code table} to row {@code index} and clicks that row, as a person would. */
  public void clickRow(javafx.scene.control.TableView<?> table, int index) {
    fx(
        () -> {
          table.scrollTo(index);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn(
        robot
            .from(table)
            .lookup(".table-row-cell")
            .match(n -> ((javafx.scene.control.TableRow<?>) n).getIndex() == index)
            .<javafx.scene.Node>query());
  }
}
