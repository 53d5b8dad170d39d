package dev.seq2seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Dropout;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.RepeatVector;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.rnn.LSTM;
import dev.seq2seq4j.train.optim.OptimizerSpec;
import dev.seq2seq4j.train.state.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit resumed from a training state ends bit for bit where the uninterrupted fit ends: same
 * history, same weights, and the data stream left in the same place. The run has everything
 * that carries state across epochs: fresh data per epoch from one sequential generator (as
 * Brownlee's recipes), shuffling, dropout, an optimizer with slots, and EarlyStopping with
 * validation and best weights.
 */
class ResumeTest {
  private static final AdditionProblem PROBLEM = new AdditionProblem(2, 10);
  private static final int EPOCHS = 6;

  private static Model model() {
    SymbolicTensor x = InputLayer.input("x", PROBLEM.inputLength(), PROBLEM.alphabet().size());
    SymbolicTensor h = LSTM.builder(16).build().apply(x);
    h = new Dropout(0.3f).apply(h);
    SymbolicTensor r = new RepeatVector(PROBLEM.outputLength()).apply(h);
    SymbolicTensor d = LSTM.builder(8).returnSequences(true).build().apply(r);
    SymbolicTensor y =
        new TimeDistributed(Dense.of(PROBLEM.alphabet().size(), "softmax")).apply(d);
    return Model.functional("adder", List.of(x), List.of(y));
  }

  private static CompiledModel compile(OptimizerSpec optimizer) {
    return CompiledModel.compile(model(), CompileOptions.builder(Losses.categoricalCrossentropy())
        .optimizer(optimizer).seed(3).build());
  }

  /** What a run leaves behind. */
  private record Outcome(History history, Weights weights, Dataset nextDraw) {}

  private static Outcome run(OptimizerSpec optimizer, TrainingState resume,
      List<TrainingState> states) {
    PythonRandom rnd = new PythonRandom(5);
    IntFunction<Dataset> fresh = epoch -> PROBLEM.generate(100, rnd);
    Dataset validation = PROBLEM.generate(50, new PythonRandom(6));
    FitOptions.Builder fit = FitOptions.builder().epochs(EPOCHS).batchSize(10).shuffleSeed(7)
        .validation(validation)
        // a small noisy run with little patience: its counters and best weights matter
        .listener(new EarlyStopping("val_loss", 3, true));
    if (states != null) {
      fit.checkpointEvery(1, states::add);
    }
    if (resume != null) {
      fit.resumeFrom(resume);
    }
    try (CompiledModel cm = compile(optimizer)) {
      History h = cm.fit(fresh, fit.build());
      return new Outcome(h, cm.weights(), PROBLEM.generate(5, rnd));
    }
  }

  @Test
  void resumingFromAnyEpochEndsBitForBitLikeOneRun(@TempDir Path tmp) {
    for (OptimizerSpec optimizer : List.of(OptimizerSpec.adam(),
        OptimizerSpec.of("rmsprop").with("momentum", 0.5))) {
      Outcome straight = run(optimizer, null, null);
      List<TrainingState> states = new ArrayList<>();
      Outcome checkpointed = run(optimizer, null, states);
      assertSame(straight, checkpointed, optimizer + ": writing states changes nothing");
      assertEquals(straight.history().epochsRun(), states.size());
      for (int k : new int[] {1, 3, states.size() - 1}) {
        Path dir = tmp.resolve(optimizer.name() + "-" + k);
        states.get(k - 1).save(dir);
        Outcome resumed = run(optimizer, TrainingState.load(dir), null);
        assertSame(straight, resumed, optimizer + " resumed after epoch " + k);
      }
    }
  }

  private static void assertSame(Outcome expected, Outcome actual, String what) {
    assertEquals(expected.history().epochs(), actual.history().epochs(), what + ": history");
    assertEquals(expected.history().steps(), actual.history().steps(), what + ": steps");
    assertEquals(expected.weights(), actual.weights(), what + ": weights");
    assertEquals(expected.nextDraw(), actual.nextDraw(), what + ": data stream position");
  }

  @Test
  void aStateFromAnotherRunIsRefused() {
    List<TrainingState> states = new ArrayList<>();
    run(OptimizerSpec.adam(), null, states);
    TrainingState state = states.get(1);
    try (CompiledModel cm = compile(OptimizerSpec.adam())) {
      // Other data: the replay's digest does not match.
      IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
          () -> cm.fit(PROBLEM.generate(100, new PythonRandom(99)), FitOptions.builder()
              .epochs(EPOCHS).batchSize(10).shuffleSeed(7)
              .listener(new EarlyStopping("val_loss", 3, true)).resumeFrom(state).build()));
      assertTrue(data.getMessage().contains("epoch 1's training data differs"),
          data.getMessage());
      // Another shuffle seed.
      IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
          () -> cm.fit(PROBLEM.generate(100, new PythonRandom(5)), FitOptions.builder()
              .epochs(EPOCHS).batchSize(10).shuffleSeed(8).resumeFrom(state).build()));
      assertTrue(seed.getMessage().contains("shuffle seed 7"), seed.getMessage());
    }
    try (CompiledModel cm = compile(OptimizerSpec.adam())) {
      // The EarlyStopping that wrote part of the state is missing.
      IllegalArgumentException listener = assertThrows(IllegalArgumentException.class,
          () -> cm.fit(PROBLEM.generate(100, new PythonRandom(5)), FitOptions.builder()
              .epochs(EPOCHS).batchSize(10).shuffleSeed(7).resumeFrom(state).build()));
      assertTrue(listener.getMessage().contains("early_stopping(val_loss)"),
          listener.getMessage());
    }
    try (CompiledModel cm = compile(OptimizerSpec.sgd())) {
      IllegalArgumentException optimizer = assertThrows(IllegalArgumentException.class,
          () -> cm.fit(epoch -> PROBLEM.generate(100, new PythonRandom(5)), FitOptions.builder()
              .epochs(EPOCHS).batchSize(10).shuffleSeed(7)
              .listener(new EarlyStopping("val_loss", 3, true)).resumeFrom(state).build()));
      assertTrue(optimizer.getMessage().contains("adam"), optimizer.getMessage());
    }
  }
}
