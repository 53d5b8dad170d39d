package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's table, ordering check and JSON, on made-up cells (no training). */
@SuppressWarnings("unchecked")
class SweepTableTest {

  private static List<Sweep.Cell> row(int length, double... percents) {
    List<Sweep.Cell> cells = new ArrayList<>();
    for (int i = 0; i < percents.length; i++) {
      List<Sweep.Run> runs = List.of(
          new Sweep.Run(1, percents[i] / 100, 10, 1.0),
          new Sweep.Run(2, percents[i] / 100 + 0.01, 12, 1.0),
          new Sweep.Run(3, percents[i] / 100 - 0.5, 9, 1.0));
      cells.add(new Sweep.Cell(Sweep.MODELS.get(i), length, runs,
          Sweep.tutorial(Sweep.MODELS.get(i), length)));
    }
    return cells;
  }

  @Test
  void medianOfThreeSeeds() {
    assertEquals(40.0, row(4, 40, 55, 90, 97).get(0).medianPercent(), 1e-9);
  }

  @Test
  void orderingIsComparedWithTheTutorialsRow() {
    assertEquals(Boolean.TRUE, Sweep.sameOrder(row(4, 38, 55, 90, 97)));
    assertEquals(Boolean.FALSE, Sweep.sameOrder(row(4, 38, 95, 90, 97)));
  }

  @Test
  void theAttentionColumnHasNoTutorialNumberAndStaysOutOfTheOrdering() {
    assertEquals(5, Sweep.MODELS.size());
    assertEquals("reverse-attention", Sweep.MODELS.get(4));
    assertTrue(Double.isNaN(Sweep.tutorial("reverse-attention", 4)));
    List<Sweep.Cell> row = row(4, 38, 55, 90, 97, 100);
    assertEquals(Boolean.TRUE, Sweep.sameOrder(row));
    assertEquals(Boolean.TRUE, Sweep.sameOrder(row(4, 38, 55, 90, 97, 10)));
    String table = Sweep.table(row);
    assertTrue(table.contains("5 attention"), table);
    assertTrue(table.contains("100.00 (   -  )"), table);
    Map<String, Object> cell = ((List<Map<String, Object>>) Sweep.toJsonMap(row).get("cells"))
        .get(4);
    assertTrue(!cell.containsKey("tutorial_percent"), cell.toString());
  }

  @Test
  void tableAndJsonCarryBothNumbers() {
    List<Sweep.Cell> cells = new ArrayList<>(row(4, 38, 55, 90, 97));
    cells.addAll(row(8, 30, 35, 50, 56));
    String table = Sweep.table(cells);
    assertTrue(table.contains("38.625"), table);
    assertTrue(table.contains("56.437"), table);
    Map<String, Object> json = Sweep.toJsonMap(cells);
    assertEquals(List.of(4, 8), json.get("lengths"));
    assertEquals(8, ((List<?>) json.get("cells")).size());
  }
}
