package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry and each recipe's defaults against the tutorials' own configuration. */
class RecipesTest {

  @Test
  void registryHoldsEveryTutorialModelInTutorialOrder() {
    // Each tutorial's recipes in its order, then the ones that extend it.
    assertEquals(List.of("addition-mlp", "addition-lstm", "addition-seq2seq",
        "addition-embedding", "addition-mixed-terms", "arithmetic", "brackets",
        "keras-addition-rnn", "reverse-mlp", "reverse-lstm-default", "reverse-lstm-stacked",
        "reverse-return-sequences", "reverse-return-state", "reverse-return-sequences-state",
        "reverse-attention", "reverse-variable", "reverse-unique"), Recipes.names());
    assertTrue(Recipes.names().containsAll(TutorialModels.names()));
    for (Recipe r : Recipes.all()) {
      assertEquals(r, Recipes.byName(r.name()));
      assertTrue(!r.description().isBlank(), r.name());
    }
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Recipes.byName("addition"));
    assertTrue(e.getMessage().contains("addition-seq2seq"), e.getMessage());
  }

  @Test
  void brownleeDefaultsAreTheTutorials() {
    // seed(1); n_epoch = 50, n_batch = 2, n_examples = 100, largest = 100, n_numbers = 2
    assertEquals(config(1, 50, 2, 100, "largest", 100, "terms", 2),
        Recipes.byName("addition-mlp").defaults().toMap());
    // LSTM(10), n_epoch = 100, n_batch = 1
    assertEquals(config(1, 100, 1, 100, "largest", 100, "terms", 2, "units", 10),
        Recipes.byName("addition-lstm").defaults().toMap());
    // LSTM(100) ... 30 epochs of n_samples = 1000, n_batch = 10, largest = 10, two terms
    assertEquals(config(1, 30, 10, 1000, "largest", 10, "terms", 2, "units", 100),
        Recipes.byName("addition-seq2seq").defaults().toMap());
  }

  @Test
  void karakayaDefaultsAreTheTutorials() {
    List<String> lstms = List.of("reverse-lstm-default", "reverse-lstm-stacked",
        "reverse-return-sequences", "reverse-return-state", "reverse-return-sequences-state");
    for (String name : lstms) {
      // 100 epochs, batch 32, 2000 training samples, n_timesteps 4, 16 units
      assertEquals(config(1, 100, 32, 2000, "length", 4, "units", 16),
          Recipes.byName(name).defaults().toMap(), name);
    }
    assertEquals(64, Recipes.byName("reverse-mlp").defaults().get(Knobs.UNITS));
    assertEquals(200, KarakayaSchedule.testSamples(2000));
  }

  /** A written configuration: the four common values, then name-value pairs, in order. */
  private static Map<String, Object> config(long seed, int epochs, int batch, int samples,
      Object... sizes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("epochs", epochs);
    m.put("batch", batch);
    m.put("samples", samples);
    for (int i = 0; i < sizes.length; i += 2) {
      m.put((String) sizes[i], sizes[i + 1]);
    }
    return m;
  }

  @Test
  void modelsHaveTheTutorialsParameterCounts() {
    assertEquals(45200 + 30200 + 612,
        Recipes.byName("addition-seq2seq").buildModel(
            Recipes.byName("addition-seq2seq").defaults()).parameterCount());
    for (String name : List.of("reverse-lstm-stacked", "reverse-return-sequences",
        "reverse-return-state", "reverse-return-sequences-state")) {
      Recipe r = Recipes.byName(name);
      assertEquals(4010, r.buildModel(r.defaults()).parameterCount(), name);
    }
    Recipe single = Recipes.byName("reverse-lstm-default");
    assertEquals(1898, single.buildModel(single.defaults()).parameterCount());
  }

  @Test
  void sizesFollowTheFlags() {
    Recipe s2s = Recipes.byName("addition-seq2seq");
    // largest 100: inputs "100+100" (7 chars), outputs "200" (3 chars)
    var model = s2s.buildModel(
        s2s.defaults().with(Knobs.LARGEST, 100).with(Knobs.UNITS, 64));
    assertEquals(List.of(7L, 12L), box(model.inputs().get(0).shape()));
    assertEquals(List.of(3L, 12L), box(model.outputs().get(0).shape()));
    Recipe rev = Recipes.byName("reverse-return-state");
    var longer = rev.buildModel(rev.defaults().with(Knobs.LENGTH, 8));
    assertEquals(List.of(8L, 10L), box(longer.outputs().get(0).shape()));
  }

  @Test
  void configRoundTripsThroughAMap() {
    Recipe r = Recipes.byName("reverse-return-state");
    RecipeConfig c = r.defaults().withSeed(7).withEpochs(3).with(Knobs.LENGTH, 8);
    assertEquals(c, RecipeConfig.fromMap(r.knobs(), c.toMap()));
    assertTrue(!c.toMap().containsKey("largest"));
    assertThrows(IllegalArgumentException.class, () -> c.withEpochs(0));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> c.with(Knobs.LARGEST, 10));
    assertTrue(none.getMessage().contains("the recipe has no 'largest'"), none.getMessage());
  }

  private static List<Long> box(long[] v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }
}
