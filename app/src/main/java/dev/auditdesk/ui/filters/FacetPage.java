package dev.auditdesk.ui.filters;

import dev.auditdesk.model.AuditAction;
import dev.auditdesk.model.Facet;
import dev.auditdesk.model.FacetValue;
import dev.auditdesk.model.ResourceTypes;
import dev.auditdesk.ui.common.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What one filter's list shows for a search text: the selected values that have no events under the
 * other filters first (so they can be unchecked), then the matching values by count, at most a
 * limit, every selected value always. Worked out off the FX thread: a filter can offer millions of
 * values (every IP address, every target), and walking them stalled the window.
 *
 * @param items the choices to show, in order
 * @param matching how many values match the search text
 * @param shownMatching how many of those are among {@code items}
 */
public record FacetPage(List<Item> items, int matching, int shownMatching) {

  /** One choice: a value, its count under the other filters, whether it is selected. */
  public record Item(String value, long count, boolean selected) {}

  public static final FacetPage EMPTY = new FacetPage(List.of(), 0, 0);

  /** How many values are walked between two looks at whether the page is still wanted. */
  private static final int CHECK_EVERY = 1 << 14;

  public FacetPage {
    items = List.copyOf(items);
  }

  /**
   * The page of {@code values} (most frequent first) for a search text; null when {@code stale}
   * said the page is no longer wanted before it was finished.
   */
  static FacetPage of(
      Facet facet,
      List<FacetValue> values,
      Set<String> selected,
      String search,
      int limit,
      BooleanSupplier stale) {
    String text = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
    Set<String> counted = new HashSet<>();
    List<Item> shown = new ArrayList<>();
    int matching = 0;
    int shownMatching = 0;
    int i = 0;
    for (FacetValue v : values) {
      if (++i % CHECK_EVERY == 0 && stale.getAsBoolean()) {
        return null;
      }
      boolean isSelected = !selected.isEmpty() && selected.contains(v.value());
      if (isSelected) {
        counted.add(v.value());
      }
      boolean match = matches(facet, v.value(), text);
      if (match) {
        matching++;
      }
      if (isSelected || (match && shownMatching < limit)) {
        shown.add(new Item(v.value(), v.count(), isSelected));
        if (match) {
          shownMatching++;
        }
      }
    }
    List<Item> items = new ArrayList<>(shown.size() + selected.size());
    for (String s : selected) {
      if (!counted.contains(s)) {
        items.add(new Item(s, 0, true));
      }
    }
    items.addAll(shown);
    return new FacetPage(items, matching, shownMatching);
  }

  /** True when the value or the text shown for it contains {@code lowerText}. */
  static boolean matches(Facet facet, String value, String lowerText) {
    return lowerText.isEmpty()
        || value.toLowerCase(Locale.ROOT).contains(lowerText)
        || label(facet, value).toLowerCase(Locale.ROOT).contains(lowerText);
  }

  /** The text a choice shows for a value (a friendly verb for actions, a label for types). */
  public static String label(Facet facet, String value) {
    return switch (facet) {
      case ACTION -> AuditAction.of(value).verb();
      case RESOURCE_TYPE -> ResourceTypes.isKnown(value) ? ResourceTypes.label(value) : value;
      case USER -> value.isEmpty() ? Messages.get("table.system") : value;
      default -> value.isEmpty() ? "(none)" : value;
    };
  }
}
