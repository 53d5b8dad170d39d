package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Short training runs: they learn clearly better than chance, and repeat exactly per seed. */
class RecipeRunTest {

  @Test
  void shortSeq2seqRunBeatsChanceClearly() {
    Recipe r = Recipes.byName("addition-seq2seq");
    RecipeResult result = r.run(r.defaults().withEpochs(3), Reporter.quiet());
    // Chance is 1 in 12 per character and about 1 in 144 per two-character sum.
    double perChar = result.metric(RecipeResult.TEST_ACCURACY).orElseThrow();
    assertTrue(perChar > 0.3, "per-character accuracy " + perChar);
    assertTrue(result.metric(RecipeResult.EXACT_MATCH_ACCURACY).orElseThrow() > 0.03,
        result.metrics().toString());
    assertEquals(3, result.history().epochsRun());
    assertEquals(300, result.history().steps());
  }

  @Test
  void shortReverseRunBeatsChanceByAMargin() {
    Recipe r = Recipes.byName("reverse-return-sequences-state");
    RecipeResult result = r.run(r.defaults().withEpochs(15), Reporter.quiet());
    double acc = result.metric(RecipeResult.TEST_ACCURACY).orElseThrow();
    assertTrue(acc > 0.3, "per-position test accuracy " + acc + " vs chance 0.1");
  }

  @Test
  void sameSeedSameNumbers() {
    Recipe r = Recipes.byName("reverse-return-state");
    RecipeConfig c = r.defaults().withEpochs(3).withSamples(300).withSeed(5);
    RecipeResult a = r.run(c, Reporter.quiet());
    RecipeResult b = r.run(c, Reporter.quiet());
    assertEquals(a.metrics(), b.metrics());
    assertEquals(a.weights(), b.weights());

    Recipe m = Recipes.byName("addition-lstm");
    RecipeConfig mc = m.defaults().withEpochs(2).withSeed(9);
    assertEquals(m.run(mc, Reporter.quiet()).metrics(), m.run(mc, Reporter.quiet()).metrics());
  }

  @Test
  void differentSeedsDiffer() {
    Recipe r = Recipes.byName("addition-mlp");
    RecipeConfig c = r.defaults().withEpochs(2);
    assertTrue(!r.run(c.withSeed(1), Reporter.quiet()).weights()
        .equals(r.run(c.withSeed(2), Reporter.quiet()).weights()));
  }

  @Test
  void mappingRecipePrintsTheTutorialsLines() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Recipe r = Recipes.byName("addition-mlp");
    r.run(r.defaults().withEpochs(2),
        Reporter.to(new PrintStream(buf, true, StandardCharsets.UTF_8)));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Model: \"addition_mlp\""), out);
    assertTrue(out.contains("Epoch 2/2"), out);
    assertTrue(out.matches("(?s).*RMSE: \\d+\\.\\d{6}.*"), out);
    assertTrue(out.matches("(?s).*Expected=\\d+, Predicted=-?\\d+ \\(err=-?\\d+\\).*"), out);
  }
}
