package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Karakaya's variable-length problems: answers, end symbols and front padding. */
class VariableReverseProblemTest {

  @Test
  void answersAreReversedOrReversedKeepingFirstOccurrences() {
    int[] karakaya = {3, 2, 3, 5, 2};
    assertArrayEquals(new int[] {2, 5, 3, 2, 3},
        new VariableReverseProblem(8, 10, false).answer(karakaya));
    assertArrayEquals(new int[] {2, 5, 3},
        new VariableReverseProblem(8, 10, true).answer(karakaya));
  }

  @Test
  void inputsArePaddedAtTheFrontAndAnswersEndWithTheEndSymbol() {
    VariableReverseProblem p = new VariableReverseProblem(4, 10, false);
    Dataset d = p.encode(new int[][] {{7, 1}});
    assertArrayEquals(new long[] {4, 11}, d.x().rowShape());
    assertEquals(1f, d.x().get(0, 0, 10)); // padding
    assertEquals(1f, d.x().get(0, 1, 10));
    assertEquals(1f, d.x().get(0, 2, 7));
    assertEquals(1f, d.x().get(0, 3, 1));
    assertEquals(5, (int) d.y().rowShape()[0]);
    assertEquals(1f, d.y().get(0, 0, 1));
    assertEquals(1f, d.y().get(0, 1, 7));
    for (int t = 2; t < 5; t++) {
      assertEquals(1f, d.y().get(0, t, 10)); // end, then end again
    }
    assertArrayEquals(new int[] {1, 7}, p.untilEnd(new int[] {1, 7, 10, 3, 10}));
    assertArrayEquals(new int[] {1, 7, 2, 3, 4}, p.untilEnd(new int[] {1, 7, 2, 3, 4}));
    assertThrows(IllegalArgumentException.class, () -> p.encode(new int[][] {{1, 2, 3, 4, 5}}));
    assertThrows(IllegalArgumentException.class, () -> p.encode(new int[][] {{}}));
  }

  @Test
  void lengthsCoverTheRange() {
    VariableReverseProblem p = new VariableReverseProblem(6, 10, true);
    int[] seen = new int[7];
    for (int[] s : p.randomSequences(600, new PythonRandom(1))) {
      seen[s.length]++;
    }
    for (int len = 1; len <= 6; len++) {
      assertTrue(seen[len] > 50, "length " + len + ": " + seen[len]);
    }
  }
}
