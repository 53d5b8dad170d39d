package dev.seq2seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.train.state.TrainingState;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging loss stops training at once and keeps the last good training state. */
class TrainingSafetyTest {
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
