package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every recipe beyond the tutorials' own, trained at a small size: each beats chance by a wide
 * margin (the full budgets and results are the README's, measured with the command line).
 */
class ExtensionRecipesRunTest {

  private static RecipeResult run(String name, RecipeConfig config) {
    return Recipes.byName(name).run(config, Reporter.quiet());
  }

  private static double metric(RecipeResult r, String name) {
    return r.metric(name).orElseThrow(() -> new AssertionError(name + " in " + r.metrics()));
  }

  @Test
  void embeddingAdderLearnsLikeTheOneHotOne() {
    Recipe r = Recipes.byName("addition-embedding");
    RecipeResult result = run(r.name(), r.defaults().withEpochs(10));
    // Chance: 1 in 12 per character, about 1 in 19 per sum even knowing the range 2..20.
    assertTrue(metric(result, RecipeResult.EXACT_MATCH_ACCURACY) > 0.25, result.metrics()::toString);
    assertTrue(metric(result, RecipeResult.TEST_ACCURACY) > 0.5, result.metrics()::toString);
  }

  @Test
  void mixedTermsAreScoredPerTermCount() {
    Recipe r = Recipes.byName("addition-mixed-terms");
    RecipeResult result = run(r.name(), r.defaults().withEpochs(10));
    assertTrue(metric(result, RecipeResult.EXACT_MATCH_ACCURACY) > 0.08, result.metrics()::toString);
    for (String group : new String[] {"2_terms", "3_terms", "4_terms"}) {
      assertTrue(metric(result, RecipeResult.EXACT_MATCH_ACCURACY + "_" + group) > 0.02, group);
    }
  }

  @Test
  void arithmeticTrainsOnAllThreeOperators() {
    Recipe r = Recipes.byName("arithmetic");
    RecipeResult result = run(r.name(),
        r.defaults().withEpochs(6).withSamples(4000).with(Knobs.UNITS, 64));
    // Chance per character is 1 in 14; exact answers of four characters far below 0.1 %.
    assertTrue(metric(result, RecipeResult.TEST_ACCURACY) > 0.3, result.metrics()::toString);
    assertTrue(metric(result, RecipeResult.EXACT_MATCH_ACCURACY) > 0.002,
        result.metrics()::toString);
    metric(result, RecipeResult.EXACT_MATCH_ACCURACY + "_multiplication");
  }

  @Test
  void bracketsAreScoredByDepth() {
    Recipe r = Recipes.byName("brackets");
    RecipeResult result = run(r.name(),
        r.defaults().withEpochs(6).withSamples(4000).with(Knobs.UNITS, 64));
    assertTrue(metric(result, RecipeResult.EXACT_MATCH_ACCURACY) > 0.01, result.metrics()::toString);
    for (int depth = 0; depth <= 2; depth++) {
      metric(result, RecipeResult.EXACT_MATCH_ACCURACY + "_depth_" + depth);
    }
  }

  @Test
  void kerasExampleHoldsATenthOutAndReportsIt() {
    Recipe r = Recipes.byName("keras-addition-rnn");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    RecipeConfig c = r.defaults().withEpochs(8).withSamples(4000).with(Knobs.DIGITS, 2)
        .with(Knobs.UNITS, 64);
    RecipeResult result = r.run(c, Reporter.to(new PrintStream(buf, true, StandardCharsets.UTF_8)));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Exact-match answers on the validation questions: "), out);
    assertTrue(out.contains("/400 ("), "a tenth of 4000 held out: " + out);
    assertTrue(out.contains("not reached in 8 epochs"), out);
    // Chance per character is 1 in 12.
    assertTrue(metric(result, "val_accuracy") > 0.35, result.metrics()::toString);
    assertEquals(8, result.history().epochsRun());
  }

  @Test
  void generatedReverserDecodesFarAboveChance() {
    Recipe r = Recipes.byName("reverse-attention");
    RecipeConfig c = r.defaults().withEpochs(8).with(Knobs.UNITS, 32)
        .with(Knobs.GENERATED, true);
    RecipeResult result = run(r.name(), c);
    assertTrue(metric(result, RecipeResult.TEST_ACCURACY) > 0.5, result.metrics()::toString);
    assertTrue(c.toMap().containsKey("generated"));
  }

  @Test
  void variableLengthReversersStopAtTheEndSymbol() {
    for (String name : new String[] {"reverse-variable", "reverse-unique"}) {
      Recipe r = Recipes.byName(name);
      RecipeConfig c = r.defaults().withEpochs(20).withSamples(1000).with(Knobs.LENGTH, 4)
          .with(Knobs.PATIENCE, 20);
      RecipeResult result = run(name, c);
      // Chance: 1 in 10 per value, and the length must be right as well.
      assertTrue(metric(result, RecipeResult.EXACT_MATCH_ACCURACY) > 0.4, name + " "
          + result.metrics());
    }
  }

  @Test
  void reversedQuestionsAreOneFlagOnEveryCharacterRecipe() {
    for (String name : new String[] {"addition-seq2seq", "addition-embedding",
        "addition-mixed-terms", "arithmetic", "brackets", "keras-addition-rnn"}) {
      assertTrue(Recipes.byName(name).defaults().has(Knobs.REVERSE_INPUT), name);
    }
    assertEquals(true, Recipes.byName("keras-addition-rnn").defaults().get(Knobs.REVERSE_INPUT));
    Recipe adder = Recipes.byName("addition-seq2seq");
    RecipeConfig reversed = adder.defaults().withEpochs(3).with(Knobs.REVERSE_INPUT, true);
    RecipeResult result = run(adder.name(), reversed);
    assertTrue(metric(result, RecipeResult.TEST_ACCURACY) > 0.3, result.metrics()::toString);
  }
}
