package dev.auditdesk.ui.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * A row that, when it is narrower than its content, shortens its children one after another in a
 * set order (each down to its minimum width) instead of all of them a little, as {@link HBox} does.
 * The least important text gives way first; the counts a user reads stay whole.
 */
class PriorityRow extends HBox {

  private final Map<Region, Double> shrinkOrder = new LinkedHashMap<>();

  PriorityRow(double spacing) {
    super(spacing);
  }

  /** The children that may be shortened, least important first; the others keep their width. */
  void shrinkInOrder(Region... children) {
    Map<Region, Double> before = new LinkedHashMap<>(shrinkOrder);
    shrinkOrder.clear();
    for (Region r : children) {
      shrinkOrder.put(r, before.containsKey(r) ? before.remove(r) : r.getMaxWidth());
    }
    before.forEach(Region::setMaxWidth);
    requestLayout();
  }

  /**
   * The width with nothing shortened. Unlike {@link HBox}'s, it ignores the caps set below, so a
   * row inside a row asks for its full width again when the window grows.
   */
  @Override
  protected double computePrefWidth(double height) {
    List<Node> managed = getManagedChildren();
    double w =
        snappedLeftInset()
            + snappedRightInset()
            + snapSpaceX(getSpacing()) * Math.max(0, managed.size() - 1);
    // Snapped as HBox lays them out, or a label would be drawn a pixel short of its text.
    for (Node n : managed) {
      w += snapSizeX(n.prefWidth(-1));
    }
    return w;
  }

  @Override
  protected void layoutChildren() {
    double shortage = computePrefWidth(-1) - getWidth();
    for (Map.Entry<Region, Double> e : shrinkOrder.entrySet()) {
      Region r = e.getKey();
      double pref = snapSizeX(r.prefWidth(-1));
      double min = snapSizeX(r.minWidth(-1));
      double give = r.isManaged() ? Math.max(0, Math.min(shortage, pref - min)) : 0;
      // Whole pixels, so HBox's rounding up cannot take a pixel from a neighbour; and only a
      // changed cap asks for another layout, so this settles at once.
      double cap = give > 0 ? Math.max(min, Math.floor(pref - give)) : e.getValue();
      if (r.getMaxWidth() != cap) {
        r.setMaxWidth(cap);
      }
      shortage -= give > 0 ? pref - cap : 0;
    }
    super.layoutChildren();
  }
}
