package dev.auditdesk.ui.filters;

import static dev.auditdesk.ui.testing.WindowDriver.fx;
import static dev.auditdesk.ui.testing.WindowDriver.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auditdesk.demo.DemoConfig;
import dev.auditdesk.demo.DemoServer;
import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.ui.app.MainView;
import dev.auditdesk.ui.common.Messages;
import dev.auditdesk.ui.testing.WindowDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter with more values than its list shows (1,000 in the app, 5 here) still offers every
 * value: the search box finds the ones past the list's end, and checking one filters by it.
 */
class FacetListLimitTest {

  @TempDir Path home;
  final WindowDriver w = new WindowDriver();
  int savedLimit = -1;

  @AfterEach
  void close() throws Exception {
    w.close();
    if (savedLimit >= 0) {
      FacetPickerModel.shown = savedLimit;
    }
  }

  @Test
  void theSearchFindsValuesPastTheListsEndAndCheckingOneFilters() throws Exception {
    try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withPort(0).withEvents(2_000))) {
      w.launch(home);
      // After launch: the picker is a control, and its class needs the JavaFX toolkit running.
      savedLimit = FacetPickerModel.shown;
      FacetPickerModel.shown = 5;
      w.signIn(demo.url().toString(), demo.email(), demo.password());
      MainView v = w.waitForSyncedTable();
      List<FacetValue> all = w.choices(Facet.RESOURCE_TARGET);
      assertTrue(all.size() > 20, "the demo has many targets: " + all.size());
      assertEquals(
          v.viewModel().cache().facetValues(Facet.RESOURCE_TARGET, AuditQuery.ALL).size(),
          all.size(),
          "every value is still offered");

      FacetPicker p = v.filterBar().picker(Facet.RESOURCE_TARGET);
      w.robot.clickOn(p);
      waitFor("the target list", p::isOpen);
      ListView<?> list = w.robot.lookup("#filter-resource-target-list").queryAs(ListView.class);
      assertEquals(5, (int) fx(() -> list.getItems().size()));
      Label more = w.robot.lookup("#filter-resource-target-more").queryAs(Label.class);
      assertEquals(Messages.get("filter.more", 5, all.size()), fx(more::getText));

      // A value far past the first five, found by typing it.
      FacetValue far = all.get(all.size() - 1);
      w.robot.write(far.value());
      waitFor(
          "the searched value in the list",
          () ->
              fx(
                  () ->
                      list.getItems().stream()
                          .anyMatch(c -> ((FacetPicker.Choice) c).value.equals(far.value()))));
      String label = FacetPicker.label(Facet.RESOURCE_TARGET, far.value());
      w.robot.clickOn(
          w.robot
              .lookup(".facet-choice .check-box")
              .match(
                  (javafx.scene.control.CheckBox c) ->
                      c.isVisible()
                          && (c.getText().equals(label) || c.getText().startsWith(label + "  (")))
              .queryAs(javafx.scene.Node.class));
      w.robot.type(javafx.scene.input.KeyCode.ESCAPE);
      waitFor("the list to close", () -> !p.isOpen());
      w.waitForQuery();
      assertEquals(Set.of(far.value()), w.query().resourceTargets());
      assertEquals(far.count(), (long) fx(() -> v.eventTable().rowCount()));
    }
  }
}
