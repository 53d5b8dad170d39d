package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.train.Checkpoint;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Losses;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python-trained tutorial models imported natively: evaluated with the Java data pipeline they
 * score what Python recorded in parity.json (within sampling noise), and they keep training in
 * Java.
 */
class ImportedTutorialModelTest {
  private static Path savedModel(String recipe) {
    return SavedModelParityTest.projectRoot().resolve("saved-models").resolve(recipe);
  }

  private static CompiledModel compiled(ImportedModel imported) {
    CompiledModel cm = CompiledModel.compile(imported.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build());
    cm.setWeights(imported.weights());
    return cm;
  }

  @Test
  void reverseModelScoresWhatPythonRecorded() {
    Path dir = savedModel("reverse-return-sequences-state");
    double python = ParityFile.read(dir).training().testAccuracy();
    ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
    Dataset fresh = ReversedSequenceProblem.DEFAULT.generate(2000, 12345);
    try (CompiledModel cm = compiled(imported)) {
      double java = cm.evaluate(fresh).get("accuracy");
      System.out.printf(Locale.ROOT, "reverse-return-sequences-state: Python test accuracy %.4f "
          + "(200 samples), Java pipeline %.4f (2000 fresh)%n", python, java);
      // 800 Python test positions: a standard error of about 0.003 at 99%.
      assertEquals(python, java, 0.02);
    }
  }

  @Test
  void seq2seqAdderScoresWhatPythonRecorded() {
    Path dir = savedModel("addition-seq2seq");
    double python = ParityFile.read(dir).training().exactMatchAccuracy();
    ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
    AdditionProblem p = AdditionProblem.TUTORIAL;
    Dataset fresh = p.generate(1000, new PythonRandom(777));
    try (CompiledModel cm = compiled(imported)) {
      double java = exactMatch(p, cm, fresh);
      System.out.printf(Locale.ROOT, "addition-seq2seq: Python exact match %.3f, Java pipeline %.3f%n",
          python, java);
      assertEquals(python, java, 0.02);
    }
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
      Checkpoint.save(saved, cm.weights(), Map.of("imported_from", "saved-models/addition-seq2seq"));
      tunedPredictions = cm.predict(test.x());
    }
    Checkpoint ckpt = Checkpoint.load(saved);
    try (CompiledModel reloaded = CompiledModel.compile(imported.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      reloaded.setWeights(ckpt.weights());
      assertEquals(tunedPredictions, reloaded.predict(test.x()));
    }
  }
}
