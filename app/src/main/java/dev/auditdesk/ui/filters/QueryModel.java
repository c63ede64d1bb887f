package dev.auditdesk.ui.filters;

import dev.auditdesk.model.AuditQuery;
import dev.auditdesk.model.DateRange;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.SortOrder;
import java.util.Collection;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The one observable query every filter control binds to, and the sort order of the table. Setting
 * an equal value is a no-op, so controls that echo the model back do not cause a second query.
 */
public final class QueryModel {

  private final ObjectProperty<AuditQuery> query = new SimpleObjectProperty<>(AuditQuery.ALL);
  private final ObjectProperty<SortOrder> sort = new SimpleObjectProperty<>(SortOrder.NEWEST_FIRST);

  public ObjectProperty<AuditQuery> queryProperty() {
    return query;
  }

  public ObjectProperty<SortOrder> sortProperty() {
    return sort;
  }

  public AuditQuery query() {
    return query.get();
  }

  public SortOrder sort() {
    return sort.get();
  }

  public void setQuery(AuditQuery q) {
    AuditQuery next = q == null ? AuditQuery.ALL : q;
    if (!next.equals(query.get())) {
      query.set(next);
    }
  }

  public void setSort(SortOrder s) {
    SortOrder next = s == null ? SortOrder.NEWEST_FIRST : s;
    if (!next.equals(sort.get())) {
      sort.set(next);
    }
  }

  public void select(Facet facet, Collection<String> values) {
    setQuery(query().with(facet, values));
  }

  public void setRange(DateRange range) {
    setQuery(query().withRange(range));
  }

  public void setText(String text) {
    setQuery(query().withText(text));
  }

  /** Clears every filter; the sort order stays as the user left it. */
  public void clear() {
    setQuery(AuditQuery.ALL);
  }
}
