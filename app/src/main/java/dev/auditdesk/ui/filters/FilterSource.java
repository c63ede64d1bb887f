package dev.auditdesk.ui.filters;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What the filter bar shows and asks of the window's query. The main view model implements it, so
 * the filters depend on this contract and never on the window that assembles them.
 */
public interface FilterSource {

  /** The filters shown as combo boxes, in Coder's order. */
  List<Facet> FACETS =
      List.of(Facet.RESOURCE_TYPE, Facet.ACTION, Facet.RESOURCE_TARGET, Facet.USER);

  QueryModel queryModel();

  /** "12,345 of 1,203,001 events". */
  ReadOnlyStringProperty countTextProperty();

  /** True when the count text's total is an estimate (a large team archive), marked as such. */
  ReadOnlyBooleanProperty countEstimatedProperty();

  /** What the estimate is and how to get the exact count; "" when the count is exact. */
  ReadOnlyStringProperty estimateTextProperty();

  /** Counts exactly where an estimate is shown. */
  void countExactly();

  /** True while a query runs. */
  ReadOnlyBooleanProperty queryingProperty();

  /**
   * True while the shown match count is an estimate whose exact count runs in the background (a
   * large team archive).
   */
  ReadOnlyBooleanProperty countingProperty();

  /** The parser's message for the last bad query-field text; "" when it parsed. */
  ReadOnlyStringProperty queryErrorProperty();

  /** The choices of one filter with their counts under the other filters. */
  ReadOnlyObjectProperty<List<FacetValue>> facetValuesProperty(Facet facet);

  /** The list of one filter: its search and the page it shows, worked out in the background. */
  FacetPickerModel facetPicker(Facet facet);

  /** The query field's text; a good text becomes the query, a bad one only shows its message. */
  void applyQueryText(String text);

  /** Shows the parser's message for a text being typed, without applying it. */
  void checkQueryText(String text);

  /** The query a query-field text means; a bad text throws with the parser's message. */
  AuditQuery queryFromText(String text);

  /** The query model in the query language, for the query field. */
  String queryText();
}
