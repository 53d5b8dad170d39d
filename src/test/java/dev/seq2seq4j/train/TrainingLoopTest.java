package dev.seq2seq4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.state.SavedWeights;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on small settings: it learns, stops early, repeats, and round-trips. */
class TrainingLoopTest {
  private static final ReversedSequenceProblem PROBLEM = ReversedSequenceProblem.DEFAULT;

  private static CompiledModel compile(long seed) {
    Model m = TutorialModels.reverseReturnSequencesState(4, 10, 16);
    return CompiledModel.compile(
        m, CompileOptions.builder(Losses.categoricalCrossentropy()).seed(seed).build());
  }

  @Test
  void gradientsFlowThroughTheUnrolledLstm() {
    Dataset batch = PROBLEM.generate(32, 7);
    try (CompiledModel cm =
        CompiledModel.compile(
            TutorialModels.reverseReturnSequencesState(4, 10, 16),
            CompileOptions.builder(Losses.categoricalCrossentropy()).learningRate(0.01f).build())) {
      double before = cm.evaluate(batch).get("loss");
      History h =
          cm.fit(batch, FitOptions.builder().epochs(20).batchSize(32).shuffle(false).build());
      double after = cm.evaluate(batch).get("loss");
      assertTrue(after < before - 0.3, "loss " + before + " -> " + after);
      double[] losses = h.series("loss");
      assertTrue(losses[losses.length - 1] < losses[0], "training loss should fall");
    }
  }

  @Test
  void learnsTheReversedSequenceWellAboveChance() {
    Dataset train = PROBLEM.generate(2000, 1);
    Dataset test = PROBLEM.generate(200, 2);
    try (CompiledModel cm = compile(1)) {
      cm.fit(train, FitOptions.builder().epochs(8).batchSize(32).shuffleSeed(1).build());
      double acc = cm.evaluate(test).get("accuracy");
      // Chance is 10% per position; a few epochs of the tutorial's best wiring get far above it.
      assertTrue(acc > 0.35, "test accuracy " + acc);
    }
  }

  @Test
  void sameSeedGivesBitIdenticalLosses() {
    Dataset train = PROBLEM.generate(256, 3);
    double[][] runs = new double[3][];
    for (int r = 0; r < 3; r++) {
      try (CompiledModel cm = compile(r < 2 ? 5 : 6)) {
        runs[r] =
            cm.fit(train, FitOptions.builder().epochs(3).batchSize(32).shuffleSeed(5).build())
                .series("loss");
      }
    }
    assertArrayEquals(runs[0], runs[1], 0.0);
    assertNotEquals(runs[0][2], runs[2][2], "another seed should give other numbers");
  }

  @Test
  void earlyStoppingStopsWhenValidationLossStallsAndRestoresBest() {
    Dataset train = PROBLEM.generate(64, 4);
    Dataset val = PROBLEM.generate(64, 5);
    EarlyStopping stop = new EarlyStopping("val_loss", 2, true);
    try (CompiledModel cm =
        CompiledModel.compile(
            TutorialModels.reverseReturnSequencesState(4, 10, 16),
            CompileOptions.builder(Losses.categoricalCrossentropy()).learningRate(0.3f).build())) {
      // A huge learning rate makes validation loss bounce, so patience runs out early.
      History h =
          cm.fit(
              train,
              FitOptions.builder().epochs(60).batchSize(8).validation(val).listener(stop).build());
      assertTrue(h.epochsRun() < 60, "should stop early, ran " + h.epochsRun());
      assertEquals(h.epochsRun() - 1, stop.stoppedEpoch());
      assertEquals(stop.bestEpoch() + 2 + 1, h.epochsRun(), "stops patience epochs after the best");
      assertEquals(stop.best(), cm.evaluate(val).get("loss"), 1e-6, "best weights restored");
    }
  }

  @Test
  void earlyStoppingWithoutValidationSaysWhy() {
    Dataset train = PROBLEM.generate(32, 4);
    try (CompiledModel cm = compile(1)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  cm.fit(
                      train,
                      FitOptions.builder()
                          .epochs(2)
                          .listener(new EarlyStopping("val_loss", 1, false))
                          .build()));
      assertTrue(e.getMessage().contains("pass validation data"), e.getMessage());
    }
  }

  @Test
  void checkpointRoundTripGivesTheSamePredictions(@TempDir Path tmp) {
    Dataset train = PROBLEM.generate(128, 8);
    Path dir = tmp.resolve("ckpt");
    FloatBlock expected;
    try (CompiledModel cm = compile(2)) {
      cm.fit(train, FitOptions.builder().epochs(2).build());
      expected = cm.predict(train.x());
      SavedWeights.save(dir, cm.weights(), Map.of("recipe", "reverse-return-sequences-state"));
    }
    SavedWeights loaded = SavedWeights.load(dir);
    assertEquals("reverse-return-sequences-state", loaded.metadata().get("recipe"));
    try (CompiledModel fresh = compile(99)) {
      assertNotEquals(expected, fresh.predict(train.x()));
      fresh.setWeights(loaded.weights());
      assertEquals(expected, fresh.predict(train.x()));
    }
  }

  @Test
  void checkpointRefusesToOverwriteOtherFilesAndReportsTruncation(@TempDir Path tmp)
      throws Exception {
    Path other = tmp.resolve("notes");
    Files.createDirectories(other);
    Files.writeString(other.resolve("keep.txt"), "precious");
    Weights w = Weights.of(Map.of("d/kernel", FloatBlock.of(new float[] {1, 2, 3, 4}, 2, 2)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SavedWeights.save(other, w, Map.of()));
    assertTrue(e.getMessage().contains("refusing"), e.getMessage());
    assertEquals("precious", Files.readString(other.resolve("keep.txt")));

    Path ok = tmp.resolve("ok");
    SavedWeights.save(ok, w, Map.of());
    Files.write(ok.resolve("weights.bin"), new byte[6]);
    IllegalArgumentException t =
        assertThrows(IllegalArgumentException.class, () -> SavedWeights.load(ok));
    assertTrue(t.getMessage().contains("corrupt"), t.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SavedWeights.load(tmp.resolve("missing")));
  }

  @Test
  void wrongDataShapeIsNamed() {
    Dataset wrong = new ReversedSequenceProblem(5, 10).generate(8, 1);
    try (CompiledModel cm = compile(1)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> cm.evaluate(wrong));
      assertTrue(e.getMessage().contains("[5, 10]"), e.getMessage());
      assertTrue(e.getMessage().contains("[4, 10]"), e.getMessage());
    }
  }
}
