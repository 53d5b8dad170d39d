package dev.seq2seq4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A two-input encoder-decoder trained with teacher forcing. */
class MultiInputTrainingTest {
  private static final int T = 4;
  private static final int F = 10;

  private static Model teacherForced() {
    SymbolicTensor source = InputLayer.input("source", T, F);
    SymbolicTensor shifted = InputLayer.input("shifted_target", T, F + 1);
    List<SymbolicTensor> enc = LSTM.builder(32).returnState(true).build().applyAll(source);
    SymbolicTensor dec =
        LSTM.builder(32).returnSequences(true).build().apply(shifted, enc.get(1), enc.get(2));
    SymbolicTensor out = new TimeDistributed(Dense.of(F, "softmax")).apply(dec);
    return Model.functional("teacher_forced", List.of(source, shifted), List.of(out));
  }

  /** The decoder's input: a start symbol (index F), then the target shifted right by one. */
  private static FloatBlock shiftRight(FloatBlock y) {
    int n = y.rows();
    float[] d = new float[n * T * (F + 1)];
    for (int s = 0; s < n; s++) {
      d[(s * T) * (F + 1) + F] = 1f;
      for (int t = 1; t < T; t++) {
        for (int k = 0; k < F; k++) {
          d[(s * T + t) * (F + 1) + k] = y.get(s, t - 1, k);
        }
      }
    }
    return FloatBlock.of(d, n, T, F + 1);
  }

  private static Dataset teacherForcedData(int n, long seed) {
    Dataset d = ReversedSequenceProblem.DEFAULT.generate(n, seed);
    return Dataset.of(List.of(d.x(), shiftRight(d.y())), d.y());
  }

  @Test
  void twoInputModelLearnsWithTeacherForcing() {
    Dataset train = teacherForcedData(2000, 1);
    Dataset test = teacherForcedData(200, 2);
    try (CompiledModel cm =
        CompiledModel.compile(
            teacherForced(), CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.fit(train, FitOptions.builder().epochs(6).batchSize(32).build());
      double acc = cm.evaluate(test).get("accuracy");
      assertTrue(acc > 0.4, "teacher-forced accuracy " + acc + " (chance 0.1)");
      FloatBlock p = cm.predict(test.inputs());
      assertArrayEquals(new long[] {200, T, F}, p.shape());
    }
  }

  @Test
  void wrongNumberOfInputsIsNamed() {
    Dataset oneInput = ReversedSequenceProblem.DEFAULT.generate(8, 1);
    try (CompiledModel cm =
        CompiledModel.compile(
            teacherForced(), CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> cm.evaluate(oneInput));
      assertTrue(e.getMessage().contains("[source, shifted_target]"), e.getMessage());
    }
  }
}
