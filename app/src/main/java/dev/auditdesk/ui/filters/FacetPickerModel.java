package dev.auditdesk.ui.filters;

import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The state of one filter's list ({@link FacetPicker}): its values as the window's query last
 * counted them, the search text, and the page the list shows. The page is worked out on the
 * background executor whenever the values, the search text or the filter's selection change, and
 * handed to the FX thread ready to show; a newer request makes an older one stale, so fast typing
 * costs one walk of the values, not one per key.
 */
public final class FacetPickerModel {

  /**
   * Choices the list shows at most: a deployment can have millions of targets and addresses; the
   * search box finds any value, the list then shows the first matches.
   */
  static volatile int shown = 1_000;

  private final Facet facet;
  private final QueryModel queryModel;
  private final ObservableValue<List<FacetValue>> values;
  private final Executor background;
  private final Executor fx;
  private final StringProperty search = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<FacetPage> page =
      new ReadOnlyObjectWrapper<>(FacetPage.EMPTY);
  private final AtomicLong asked = new AtomicLong();
  private volatile boolean disposed;

  /**
   * @param values the filter's values with their counts, most frequent first (set on the FX thread)
   * @param background where pages are worked out (one at a time: a serial lane)
   * @param fx where pages are published: the FX thread
   */
  public FacetPickerModel(
      Facet facet,
      QueryModel queryModel,
      ObservableValue<List<FacetValue>> values,
      Executor background,
      Executor fx) {
    this.facet = facet;
    this.queryModel = queryModel;
    this.values = values;
    this.background = background;
    this.fx = fx;
    // Not a change listener: that would compare the old and new lists, millions of values, here.
    values.addListener(o -> update());
    search.addListener((o, a, b) -> update());
    queryModel
        .queryProperty()
        .addListener(
            (o, a, b) -> {
              if (!a.values(facet).equals(b.values(facet))) {
                update();
              }
            });
    update();
  }

  public Facet facet() {
    return facet;
  }

  /** The list's search text; every change works out a new page. */
  public StringProperty searchProperty() {
    return search;
  }

  /** What the list shows now. */
  public ReadOnlyObjectProperty<FacetPage> pageProperty() {
    return page.getReadOnlyProperty();
  }

  /**
   * Every value offered right now (most frequent first; a selected value without events first of
   * all), whether or not the list has room to show it. Walks every value: for tests and tools, not
   * for the FX thread of a large cache.
   */
  public List<FacetValue> values() {
    List<FacetValue> all = current();
    Set<String> missing = new LinkedHashSet<>(queryModel.query().values(facet));
    for (FacetValue v : all) {
      missing.remove(v.value());
    }
    List<FacetValue> out = new ArrayList<>(missing.size() + all.size());
    missing.forEach(s -> out.add(new FacetValue(s, 0)));
    out.addAll(all);
    return out;
  }

  /** Works out the page again (the selection changed in a way the query model has not shown). */
  public void update() {
    if (disposed) {
      return;
    }
    long id = asked.incrementAndGet();
    List<FacetValue> all = current();
    Set<String> selected = Set.copyOf(queryModel.query().values(facet));
    String text = search.get();
    int limit = shown;
    background.execute(
        () -> {
          if (stale(id)) {
            return;
          }
          FacetPage p = FacetPage.of(facet, all, selected, text, limit, () -> stale(id));
          if (p != null && !stale(id)) {
            fx.execute(
                () -> {
                  if (!stale(id)) {
                    page.set(p);
                  }
                });
          }
        });
  }

  /** Stops working out pages (the window closed). */
  public void dispose() {
    disposed = true;
    asked.incrementAndGet();
  }

  private boolean stale(long id) {
    return disposed || asked.get() != id;
  }

  private List<FacetValue> current() {
    List<FacetValue> v = values.getValue();
    return v == null ? List.of() : v;
  }
}
