package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import dev.seq2seq4j.testing.Tolerance;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Losses;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The inference-only model: same numbers as the training graph, safe from many threads. */
class InferenceModelTest {
  private static final Model ADDER = TutorialModels.additionSeq2seq(5, 2, 12, 16, 8);

  private static FloatBlock problems(int n, long seed) {
    return new AdditionProblem(2, 10).generate(n, new PythonRandom(seed)).x();
  }

  @Test
  void predictsWhatTheTrainingGraphPredicts() {
    FloatBlock x = problems(40, 3);
    Weights w = ModelGraph.initialWeights(ADDER, 7);
    FloatBlock expected;
    try (CompiledModel cm = CompiledModel.compile(ADDER,
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.setWeights(w);
      expected = cm.predict(x);
    }
    try (InferenceModel m = InferenceModel.of(ADDER, w)) {
      FloatBlock got = m.predict(x);
      assertArrayEquals(expected.shape(), got.shape());
      assertArrayEquals(expected.data(), got.data());
    }
  }

  @Test
  void fusedKernelAgreesWithinTolerance() {
    FloatBlock x = problems(20, 4);
    Weights w = ModelGraph.initialWeights(ADDER, 2);
    try (InferenceModel unrolled = InferenceModel.of(ADDER, w);
        InferenceModel fused = InferenceModel.builder(ADDER, w)
            .rnnKernel(RnnKernel.FUSED).build()) {
      Tolerance.assertAllClose(unrolled.predict(x).data(), fused.predict(x).data(), 1e-5, 1e-5,
          "fused inference");
    }
  }

  @Test
  void concurrentCallersGetTheSequentialAnswers() throws Exception {
    Weights w = ModelGraph.initialWeights(ADDER, 5);
    List<FloatBlock> inputs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inputs.add(problems(1 + i, 10 + i));
    }
    try (InferenceModel m = InferenceModel.builder(ADDER, w).threads(1, 0).build()) {
      List<float[]> sequential = new ArrayList<>();
      for (FloatBlock x : inputs) {
        sequential.add(m.predict(x).data());
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          results.add(pool.submit(() -> {
            for (int rep = 0; rep < 50; rep++) {
              for (int i = 0; i < inputs.size(); i++) {
                assertArrayEquals(sequential.get(i), m.predict(inputs.get(i)).data());
              }
            }
            return true;
          }));
        }
        for (Future<Boolean> f : results) {
          assertTrue(f.get());
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void refusesBadInputAndUseAfterClose() {
    InferenceModel m = InferenceModel.of(ADDER, ModelGraph.initialWeights(ADDER, 1));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> m.predict(FloatBlock.of(new float[12], 1, 1, 12)));
    assertTrue(shape.getMessage().contains("shape"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.predictAll(List.of()));
    m.close();
    m.close();
    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> m.predict(problems(1, 1)));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
  }

  @Test
  void refusesIncompleteWeights() {
    Weights none = Weights.empty();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> InferenceModel.of(ADDER, none));
    assertTrue(e.getMessage().contains("lstm"), e.getMessage());
    assertEquals(1, ADDER.inputs().size());
  }
}
