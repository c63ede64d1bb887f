package dev.auditdesk.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auditdesk.model.FacetValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A facet list put in order without sorting its values per query gives exactly the list a plain
 * sort gives: most events first, ties by value, chosen values without events last; also after the
 * dictionary grew (new codes merged into the kept order) and after a rolled-back write.
 */
class FacetOrderTest {

  private final SplittableRandom r = new SplittableRandom(19);

  @Test
  void theOrderIsThePlainSortsForSmallAndLargeCountsAndAfterTheDictionaryGrows() {
    Dictionary d = new Dictionary();
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 3_000; i++) {
        d.codeOf("v" + r.nextInt(1_000_000));
      }
      d.commit();
      int[] counts = new int[d.size()];
      for (int c = 0; c < counts.length; c++) {
        int roll = r.nextInt(10);
        counts[c] = roll < 3 ? 0 : roll < 9 ? 1 + r.nextInt(5) : 4_000 + r.nextInt(200);
      }
      Set<String> chosen = Set.of(d.value(0), "not-a-value", "also-not");
      assertEquals(plainSort(d, counts, chosen), FacetOrder.byCount(d, counts, chosen));
    }
  }

  @Test
  void codesGivenToOtherValuesAfterARollbackAreOrderedByTheirNewValues() {
    Dictionary d = new Dictionary();
    d.codeOf("m");
    d.commit();
    d.codeOf("z");
    FacetOrder.byCount(d, new int[] {1, 1}, Set.of());
    d.rollback();
    d.codeOf("a");
    d.commit();

    assertEquals(
        List.of(new FacetValue("a", 1), new FacetValue("m", 1)),
        FacetOrder.byCount(d, new int[] {1, 1}, Set.of()));
  }

  private static List<FacetValue> plainSort(Dictionary d, int[] counts, Set<String> chosen) {
    List<FacetValue> out = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        out.add(new FacetValue(d.value(c), counts[c]));
      }
    }
    for (String s : chosen) {
      int c = d.find(s);
      if (c < 0 || counts[c] == 0) {
        out.add(new FacetValue(s, 0));
      }
    }
    out.sort(FacetOrder.BY_COUNT);
    return out;
  }
}
