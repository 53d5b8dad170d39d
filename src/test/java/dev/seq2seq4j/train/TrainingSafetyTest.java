package dev.seq2seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.WeightSpec;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.state.TrainingState;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What must not go wrong while training: a diverging loss stops at once and keeps the last good
 * state, failures after the session exists end instead of hanging, oversized models are refused
 * before any graph exists, and variables the loss cannot reach train (not at all) instead of
 * failing.
 */
class TrainingSafetyTest {
  /** A layer whose kernel's initializer fails: the failure comes after the session exists. */
  private static final class FailingInit extends Layer {
    FailingInit() {
      super("failing");
    }

    @Override
    public String typeName() {
      return "FailingInit";
    }

    @Override
    public List<long[]> outputShapes(List<long[]> in) {
      return List.of(in.get(0));
    }

    @Override
    public List<WeightSpec> weightSpecs(List<long[]> in) {
      long n = in.get(0)[0];
      return List.of(new WeightSpec("kernel", new long[] {n, n}, (shape, random) -> {
        throw new IllegalStateException("initializer failed");
      }));
    }

    @Override
    public List<Operand<TFloat32>> call(LayerContext ctx, List<Operand<TFloat32>> in,
        LayerWeights w) {
      return List.of(ctx.tf().linalg.matMul(in.get(0), w.get("kernel")));
    }
  }

  @Test
  void aFailureAfterTheSessionExistsIsReportedNotHung() {
    SymbolicTensor x = InputLayer.input("x", 3);
    Model m = Model.functional("m", List.of(x), List.of(new FailingInit().apply(x)));
    // Before the fix the graph was closed with the session still open, which waits forever.
    IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(IllegalStateException.class, () -> CompiledModel.compile(m,
            CompileOptions.builder(Losses.meanSquaredError()).build())));
    assertEquals("initializer failed", e.getMessage());
  }

  @Test
  void oversizedModelsAreRefusedBeforeAnyGraphExists() {
    IllegalArgumentException params = assertThrows(IllegalArgumentException.class,
        () -> CompiledModel.compile(TutorialModels.additionSeq2seq(5, 2, 12, 20000, 10000),
            CompileOptions.builder(Losses.categoricalCrossentropy()).build()));
    assertTrue(params.getMessage().contains(
        "has 2,801,200,012 parameters, more than the limit of 10,000,000"), params.getMessage());
    IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
        () -> CompiledModel.compile(TutorialModels.reverseReturnState(10000, 10, 16),
            CompileOptions.builder(Losses.categoricalCrossentropy()).build()));
    assertTrue(steps.getMessage().contains(
        "unrolls 20,000 recurrent timesteps into its graph, more than the limit of 512"),
        steps.getMessage());
    // The limits are the caller's to set: 40 timesteps in and 40 out are 80 unrolled steps.
    assertThrows(IllegalArgumentException.class,
        () -> CompiledModel.compile(TutorialModels.reverseReturnState(40, 10, 4),
            CompileOptions.builder(Losses.categoricalCrossentropy()).limits(1000, 79).build()));
    try (CompiledModel cm = CompiledModel.compile(TutorialModels.reverseReturnState(40, 10, 4),
        CompileOptions.builder(Losses.categoricalCrossentropy()).limits(1000, 80).build())) {
      assertEquals(80, cm.options().maxUnrolledSteps());
    }
  }

  @Test
  void oneTimestepTrainsWithAZeroGradientForTheUnreachedRecurrentKernel() {
    // One step from a zero state: h·R is never formed, so the loss does not depend on R.
    ReversedSequenceProblem one = new ReversedSequenceProblem(1, 10);
    Dataset data = one.generate(64, 1);
    try (CompiledModel cm = CompiledModel.compile(TutorialModels.reverseLstmDefault(1, 10, 16),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      Weights before = cm.weights();
      History h = cm.fit(data, FitOptions.builder().epochs(3).batchSize(16).build());
      Weights after = cm.weights();
      assertEquals(before.get("lstm/cell/recurrent_kernel"),
          after.get("lstm/cell/recurrent_kernel"), "a zero gradient leaves it unchanged");
      assertFalse(before.get("lstm/cell/kernel").equals(after.get("lstm/cell/kernel")));
      assertTrue(h.series("loss")[2] < h.series("loss")[0], "the rest still learns");
    }
  }

  @Test
  void aNonFiniteLossStopsTrainingAndKeepsTheLastGoodState(@TempDir Path tmp) {
    Dataset good = ReversedSequenceProblem.DEFAULT.generate(64, 1);
    float[] x = good.x().data().clone();
    x[5] = Float.NaN;
    Dataset poisoned = Dataset.of(FloatBlock.of(x, good.x().shape()), good.y());
    Path dir = tmp.resolve("state");
    try (CompiledModel cm = CompiledModel.compile(
        TutorialModels.reverseReturnSequencesState(4, 10, 8),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> cm.fit(epoch -> epoch < 2 ? good : poisoned, FitOptions.builder().epochs(5)
              .batchSize(16).shuffle(false).checkpointEvery(1, s -> s.save(dir)).build()));
      assertEquals("training diverged at epoch 3 step 1: loss is NaN", e.getMessage());
    }
    TrainingState last = TrainingState.load(dir);
    assertEquals(2, last.epochsCompleted());
    for (FloatBlock w : last.weights().asMap().values()) {
      for (float v : w.data()) {
        assertTrue(Float.isFinite(v), "the saved state is the good one");
      }
    }
  }
}
