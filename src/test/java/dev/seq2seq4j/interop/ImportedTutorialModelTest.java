package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.NormalisedSums;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Losses;
import dev.seq2seq4j.train.state.SavedWeights;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python-trained tutorial models imported natively: evaluated with the Java data pipeline they
 * score what Python recorded in parity.json (exactly where Java can regenerate Python's
 * evaluation set, within sampling noise where it cannot), and they keep training in Java.
 */
class ImportedTutorialModelTest {
  private static Path savedModel(String recipe) {
    return Fixtures.projectRoot().resolve("saved-models").resolve(recipe);
  }

  private static CompiledModel compiled(ImportedModel imported) {
    CompiledModel cm = CompiledModel.compile(imported.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build());
    cm.setWeights(imported.weights());
    return cm;
  }

  /** The reverse models: Python's test set came from numpy, so Java scores fresh samples. */
  @TestFactory
  Stream<DynamicTest> reverseModelsScoreWhatPythonRecorded() {
    return Stream.of("reverse-mlp", "reverse-lstm-default", "reverse-lstm-stacked",
        "reverse-return-sequences", "reverse-return-state", "reverse-return-sequences-state")
        .map(recipe -> DynamicTest.dynamicTest(recipe, () -> {
          Path dir = savedModel(recipe);
          double python = ParityFile.read(dir).training().testAccuracy();
          int rows = 2000;
          Dataset fresh = ReversedSequenceProblem.DEFAULT.generate(rows, 12345);
          double java;
          try (CompiledModel cm = compiled(ImportedModel.fromSavedModel(dir, Map.of()))) {
            java = perPositionAccuracy(cm.predict(fresh.x()), fresh.y());
          }
          // Python scored 200 test sequences (800 positions), Java 2000 fresh ones: allow four
          // standard errors of the difference of the two proportions (at least 0.01).
          int positions = ReversedSequenceProblem.DEFAULT.nTimesteps();
          double p = (python + java) / 2;
          double se = Math.sqrt(p * (1 - p) * (1.0 / (200 * positions) + 1.0 / (rows * positions)));
          double bound = Math.max(0.01, 4 * se);
          System.out.printf(Locale.ROOT, "%s: Python test accuracy %.4f (200 samples), Java "
              + "pipeline %.4f (%d fresh), bound %.3f%n", recipe, python, java, rows, bound);
          assertEquals(python, java, bound);
        }));
  }

  /** Argmax accuracy over every position of [n, T, V] predictions. */
  private static double perPositionAccuracy(FloatBlock pred, FloatBlock truth) {
    int v = (int) pred.shape()[pred.shape().length - 1];
    float[] a = pred.data();
    float[] b = truth.data();
    int ok = 0;
    int n = a.length / v;
    for (int i = 0; i < n; i++) {
      if (argmax(a, i * v, v) == argmax(b, i * v, v)) {
        ok++;
      }
    }
    return ok / (double) n;
  }

  private static int argmax(float[] x, int from, int len) {
    int best = 0;
    for (int k = 1; k < len; k++) {
      if (x[from + k] > x[from + best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * The addition models: parity.json records the Python random seed of the evaluation set, and
   * the Java data pipeline (CPython's Mersenne Twister) regenerates the very same samples, so
   * the Java score must equal Python's, not just come close. The probes, drawn the same way
   * with the probe seed, show the data are Python's own.
   */
  @Test
  void seq2seqAdderReproducesPythonsEvaluation() {
    Path dir = savedModel("addition-seq2seq");
    ParityFile parity = ParityFile.read(dir);
    JsonNode eval = parity.evaluationData();
    AdditionProblem p = new AdditionProblem(eval.get("n_numbers").asInt(), eval.get("largest").asInt());
    Dataset probes = p.generate(32, new PythonRandom(eval.get("probe_seed").asLong()));
    assertArrayEquals(parity.probes().inputArrays().get("input").data(), probes.x().data(),
        "the Java pipeline regenerates Python's probe inputs");
    Dataset data = p.generate(eval.get("n_examples").asInt(), new PythonRandom(eval.get("seed").asLong()));
    try (CompiledModel cm = compiled(ImportedModel.fromSavedModel(dir, Map.of()))) {
      double java = exactMatch(p, cm, data);
      double python = parity.training().exactMatchAccuracy();
      System.out.printf(Locale.ROOT, "addition-seq2seq: Python exact match %.3f, Java on the same "
          + "%d samples %.3f%n", python, data.size(), java);
      // One answer may flip on a float32 near-tie between two digits.
      assertEquals(python, java, 1.0 / data.size() + 1e-9);
    }
  }

  @TestFactory
  Stream<DynamicTest> regressionAddersReproducePythonsRmse() {
    return Stream.of("addition-mlp", "addition-lstm").map(recipe -> DynamicTest.dynamicTest(recipe, () -> {
      Path dir = savedModel(recipe);
      ParityFile parity = ParityFile.read(dir);
      JsonNode eval = parity.evaluationData();
      NormalisedSums sums = new NormalisedSums(eval.get("n_numbers").asInt(), eval.get("largest").asInt());
      ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
      boolean sequences = imported.model().inputs().get(0).shape().length == 2;
      Dataset probes = sequences ? sums.generateSequences(32, new PythonRandom(eval.get("probe_seed").asLong()))
          : sums.generate(32, new PythonRandom(eval.get("probe_seed").asLong()));
      assertArrayEquals(parity.probes().inputArrays().get("input").data(), probes.x().data(),
          "the Java pipeline regenerates Python's probe inputs");
      int n = eval.get("n_examples").asInt();
      PythonRandom rnd = new PythonRandom(eval.get("seed").asLong());
      Dataset data = sequences ? sums.generateSequences(n, rnd) : sums.generate(n, rnd);
      try (CompiledModel cm = compiled(imported)) {
        double java = NormalisedSums.rmse(sums.invertAll(data.y().data()),
            sums.invertAll(cm.predict(data.x()).data()));
        double python = parity.training().rmse();
        System.out.printf(Locale.ROOT, "%s: Python RMSE %.4f, Java on the same %d samples %.4f%n",
            recipe, python, n, java);
        // Python rounded the RMSE it recorded to two decimals.
        assertEquals(python, java, 0.005 + 1e-9);
      }
    }));
  }

  private static double exactMatch(AdditionProblem p, CompiledModel cm, Dataset data) {
    FloatBlock pred = cm.predict(data.x());
    int ok = 0;
    for (int i = 0; i < data.size(); i++) {
      if (p.decodeOutput(pred.row(i)).equals(p.decodeOutput(data.y().row(i)))) {
        ok++;
      }
    }
    return ok / (double) data.size();
  }

  @Test
  void pythonTrainedModelFineTunesInJavaAndSaves(@TempDir Path tmp) {
    ImportedModel imported = ImportedModel.fromSavedModel(savedModel("addition-seq2seq"), Map.of());
    AdditionProblem p = AdditionProblem.TUTORIAL;
    PythonRandom rnd = new PythonRandom(31);
    Dataset test = p.generate(500, new PythonRandom(99));
    Path saved = tmp.resolve("finetuned");
    FloatBlock tunedPredictions;
    try (CompiledModel cm = compiled(imported)) {
      double before = cm.evaluate(test).get("loss");
      History h = cm.fit(e -> p.generate(1000, rnd),
          FitOptions.builder().epochs(3).batchSize(10).shuffleSeed(1).build());
      double after = cm.evaluate(test).get("loss");
      System.out.printf(Locale.ROOT, "fine-tuning addition-seq2seq: test loss %.4f -> %.4f%n", before, after);
      assertEquals(3, h.epochsRun());
      assertTrue(after < before * 1.5, "fine-tuning should not wreck the model: " + before + " -> " + after);
      assertTrue(exactMatch(p, cm, test) > 0.9);
      SavedWeights.save(saved, cm.weights(), Map.of("imported_from", "saved-models/addition-seq2seq"));
      tunedPredictions = cm.predict(test.x());
    }
    SavedWeights ckpt = SavedWeights.load(saved);
    try (CompiledModel reloaded = CompiledModel.compile(imported.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      reloaded.setWeights(ckpt.weights());
      assertEquals(tunedPredictions, reloaded.predict(test.x()));
    }
  }
}
