package dev.seq2seq4j.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.AdditiveAttention;
import dev.seq2seq4j.nn.Attention;
import dev.seq2seq4j.nn.Concatenate;
import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Embedding;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Merge;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Permute;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.testing.ForwardRunner;
import dev.seq2seq4j.testing.GradientCheck;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recurrent layers and what seq2seq models put around them train in Java: for a tiny model
 * of each, the gradient the training step uses agrees with central finite differences of the
 * loss for every weight element (GradientCheck), and Adam lowers the loss.
 */
class RecurrentTrainingTest {
  private static final int T = 4;

  /** Input (T, 3) -> the layers under test -> Dense(1) per step or at the end. */
  private static Model sequenceModel(String name, java.util.function.Function<SymbolicTensor,
      SymbolicTensor> body) {
    SymbolicTensor x = InputLayer.input("x", T, 3);
    return Model.functional(name, List.of(x), List.of(body.apply(x)));
  }

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("gru_reset_after", (Supplier<Model>) () -> sequenceModel("g1", x ->
        new TimeDistributed(Dense.of(1, "linear")).apply(
            GRU.builder(3).returnSequences(true).build().apply(x)))));
    cases.add(Arguments.of("gru_reset_before", (Supplier<Model>) () -> sequenceModel("g2", x ->
        Dense.of(1, "linear").apply(GRU.builder(3).resetAfter(false).build().apply(x)))));
    cases.add(Arguments.of("simple_rnn_backwards", (Supplier<Model>) () -> sequenceModel("s", x ->
        Dense.of(1, "linear").apply(SimpleRNN.builder(3).goBackwards(true).build().apply(x)))));
    cases.add(Arguments.of("bidirectional_lstm_concat", (Supplier<Model>) () -> sequenceModel("b",
        x -> new TimeDistributed(Dense.of(1, "linear")).apply(new Bidirectional(
            LSTM.builder(2).returnSequences(true).build(), Bidirectional.MergeMode.CONCAT, null)
            .apply(x)))));
    cases.add(Arguments.of("bidirectional_gru_sum_state", (Supplier<Model>) () -> {
      SymbolicTensor x = InputLayer.input("x", T, 3);
      List<SymbolicTensor> o = new Bidirectional(GRU.builder(2).returnState(true).build(),
          Bidirectional.MergeMode.SUM, null).applyAll(x);
      SymbolicTensor all = new Concatenate().apply(o.get(0), o.get(1), o.get(2));
      return Model.functional("bs", List.of(x), List.of(Dense.of(1, "linear").apply(all)));
    }));
    cases.add(Arguments.of("attention_scaled_and_additive", (Supplier<Model>) () -> {
      SymbolicTensor x = InputLayer.input("x", T, 3);
      SymbolicTensor seq = LSTM.builder(3).returnSequences(true).build().apply(x);
      SymbolicTensor a = new Attention("luong", true, Attention.ScoreMode.CONCAT, 0f)
          .apply(seq, x);
      SymbolicTensor b = new AdditiveAttention("bahdanau", true, 0f).apply(seq, x);
      SymbolicTensor m = new Merge(Merge.Op.MULTIPLY, null).apply(a, b);
      SymbolicTensor p = new Permute(new int[] {2, 1}, null).apply(m);
      return Model.functional("att", List.of(x), List.of(Dense.of(1, "linear").apply(p)));
    }));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void gradientsMatchFiniteDifferences(String name, Supplier<Model> model) {
    Model m = model.get();
    FloatBlock x = RandomBlocks.uniform(11, -1, 1, 3, T, 3);
    FloatBlock y = RandomBlocks.uniform(12, -1, 1, prepend(3, m.outputs().get(0).shape()));
    try (GradientCheck g = new GradientCheck(m, Losses.meanSquaredError(), List.of(x), y, 5,
        true)) {
      GradientCheck.assertAgree(g.compare(new ArrayList<>(m.weights().keySet()),
          GradientCheck.STEP));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void adamLowersTheLoss(String name, Supplier<Model> model) {
    Model m = model.get();
    FloatBlock x = RandomBlocks.uniform(21, -1, 1, 64, T, 3);
    // The target is what the same architecture computes with other weights: learnable.
    FloatBlock y = ForwardRunner.run(m, 99, x).get(0);
    Dataset data = Dataset.of(x, y);
    try (CompiledModel cm = CompiledModel.compile(m,
        CompileOptions.builder(Losses.meanSquaredError()).learningRate(0.02f).seed(3).build())) {
      double before = cm.evaluate(data).get("loss");
      cm.fit(data, FitOptions.builder().epochs(20).batchSize(16).shuffle(false).build());
      double after = cm.evaluate(data).get("loss");
      assertTrue(after < 0.5 * before, name + ": loss " + before + " -> " + after);
    }
  }

  /** A masked Embedding feeding a GRU: the gradient flows only through real steps. */
  @ParameterizedTest(name = "padded at the {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"end", "start"})
  void maskedEmbeddingGradientsMatchFiniteDifferences(String side) {
    SymbolicTensor tokens = InputLayer.input("tokens", DType.INT32, T);
    SymbolicTensor e = new Embedding(6, 3, true, "emb").apply(tokens);
    SymbolicTensor h = GRU.builder(2).build().apply(e);
    Model m = Model.functional("masked", List.of(tokens), List.of(Dense.of(1, "linear").apply(h)));
    float[] ids = side.equals("end") ? new float[] {3, 1, 0, 0, 2, 5, 4, 0, 1, 1, 1, 1}
        : new float[] {0, 0, 3, 1, 0, 2, 5, 4, 1, 1, 1, 1};
    FloatBlock x = FloatBlock.of(ids, 3, T);
    FloatBlock y = RandomBlocks.uniform(32, -1, 1, 3, 1);
    try (GradientCheck g = new GradientCheck(m, Losses.meanSquaredError(), List.of(x), y, 7,
        true)) {
      GradientCheck.assertAgree(g.compare(new ArrayList<>(m.weights().keySet()),
          GradientCheck.STEP));
    }
  }

  private static long[] prepend(long rows, long[] shape) {
    long[] s = new long[shape.length + 1];
    s[0] = rows;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return s;
  }
}
