package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import org.junit.jupiter.api.Test;

/** The attention encoder-decoder, decoded greedily (never shown the answer). */
class ReverseAttentionRecipeTest {
  @Test
  void shortRunDecodesFarAboveChance() {
    Recipe r = Recipes.byName("reverse-attention");
    RecipeConfig c = r.defaults().withEpochs(12).with(Knobs.UNITS, 32);
    RecipeResult result = r.run(c, Reporter.quiet());
    double acc = result.metric(RecipeResult.TEST_ACCURACY).orElseThrow();
    // Chance is 10% per position; the tutorial's best wiring needs ~100 epochs for 97%.
    assertTrue(acc > 0.6, "greedy per-position accuracy " + acc);
  }

  @Test
  void shiftedTargetStartsWithTheStartTokenAndLagsByOne() {
    float[] y = new float[2 * 10];
    y[3] = 1f; // step 0: digit 3
    y[10 + 7] = 1f; // step 1: digit 7
    FloatBlock shifted = TeacherForcing.shiftedTarget(FloatBlock.of(y, 1, 2, 10));
    assertEquals(1f, shifted.get(0, 0, 10)); // start token
    assertEquals(1f, shifted.get(0, 1, 3)); // previous target digit
    assertEquals(0f, shifted.get(0, 1, 7));
  }
}
