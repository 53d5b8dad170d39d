package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every recipe that {@code list} shows is trained at a small size by some test and beats chance
 * by a margin. The tutorials' recipes that no other test trains for that purpose are trained
 * here; the rest are named with the test that trains them, and a recipe added without one fails
 * {@link #everyListedRecipeIsTrainedByATest}. Chance levels are worked out from the data.
 */
class EveryRecipeBeatsChanceTest {

  /** Recipes trained and checked against chance in {@link ExtensionRecipesRunTest}. */
  private static final List<String> IN_EXTENSION_TEST = List.of("addition-embedding",
      "addition-mixed-terms", "arithmetic", "brackets", "keras-addition-rnn",
      "reverse-attention", "reverse-variable", "reverse-unique");

  /** Recipes trained and checked against chance in {@link RecipeRunTest}. */
  private static final List<String> IN_RUN_TEST =
      List.of("addition-seq2seq", "reverse-return-sequences-state");

  /** Karakaya's remaining wirings: 1 in 10 per position by chance, at a quarter of his data. */
  private static final Map<String, Double> REVERSERS = reversers();

  private static Map<String, Double> reversers() {
    Map<String, Double> m = new LinkedHashMap<>();
    // Each threshold is twice chance or more; default-output models collapse towards a single
    // digit per position, so they are asked for less than the state-passing ones.
    m.put("reverse-mlp", 0.5);
    m.put("reverse-lstm-default", 0.2);
    m.put("reverse-lstm-stacked", 0.2);
    m.put("reverse-return-sequences", 0.2);
    m.put("reverse-return-state", 0.3);
    return m;
  }

  private static double metric(String name, UnaryOperator<RecipeConfig> small, String metric) {
    Recipe r = Recipes.byName(name);
    RecipeResult result = r.run(small.apply(r.defaults()), Reporter.quiet());
    return result.metric(metric).orElseThrow(() -> new AssertionError(name + ": " + metric));
  }

  @Test
  void everyListedRecipeIsTrainedByATest() {
    TreeSet<String> covered = new TreeSet<>(IN_EXTENSION_TEST);
    covered.addAll(IN_RUN_TEST);
    covered.addAll(REVERSERS.keySet());
    covered.addAll(List.of("addition-mlp", "addition-lstm")); // below
    assertEquals(new TreeSet<>(Recipes.names()), covered);
  }

  @Test
  void brownleesRegressionsBeatTheMean() {
    // Predicting the mean sum of two terms uniform on 1..100 leaves the sum's standard
    // deviation, sqrt(2 (100^2 - 1) / 12) = 40.8, as the RMSE.
    double chance = Math.sqrt(2 * (100.0 * 100 - 1) / 12);
    // Their tutorial budgets are already small (a few seconds).
    double mlp = metric("addition-mlp", c -> c, RecipeResult.RMSE);
    assertTrue(mlp < chance / 10, "addition-mlp RMSE " + mlp + " vs " + chance);
    double lstm = metric("addition-lstm", c -> c, RecipeResult.RMSE);
    assertTrue(lstm < chance / 10, "addition-lstm RMSE " + lstm + " vs " + chance);
  }

  @Test
  void karakayasWiringsBeatChancePerPosition() {
    for (Map.Entry<String, Double> e : REVERSERS.entrySet()) {
      double acc = metric(e.getKey(), c -> c.withEpochs(15).withSamples(500),
          RecipeResult.TEST_ACCURACY);
      assertTrue(acc > e.getValue(), e.getKey() + " per-position accuracy " + acc
          + " vs chance 0.1");
    }
  }

  @Test
  void moreTermsBeatChanceOnEachSum() {
    // Three terms of 1..10: 28 possible sums, the likeliest (16 and 17) each 75 in 1000 ordered
    // triples, so guessing the mode is right 7.5 % of the time.
    double exact = metric("addition-seq2seq",
        c -> c.with(Knobs.TERMS, 3).withEpochs(15), RecipeResult.EXACT_MATCH_ACCURACY);
    assertTrue(exact > 0.15, "3-term exact match " + exact);
  }
}
