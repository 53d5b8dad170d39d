package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.testing.RandomBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;

/** SpatialDropout1D drops whole features in training and nothing at inference. */
class SpatialDropout1DTest {
  private static float[] run(boolean training, FloatBlock x) {
    SymbolicTensor in = InputLayer.input("x", 6, 8);
    Model m = Model.functional("sd", List.of(in),
        List.of(new SpatialDropout1D(0.5f, null).apply(in)));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(m, Ops.create(g));
      Session.Runner r = s.runner();
      try (Tensor t = mg.feed(r, 0, x); TBool flag = TBool.scalarOf(training);
          TInt64 seed = TInt64.vectorOf(3, 4)) {
        r.feed(mg.training(), flag).feed(mg.stepSeed(), seed).fetch(mg.outputs().get(0));
        try (Result res = r.run()) {
          return Tensors.toBlock(res.get(0)).data();
        }
      }
    }
  }

  @Test
  void trainingDropsEachFeatureForWholeSequences() {
    FloatBlock x = RandomBlocks.uniform(1, 0.5, 1.5, 4, 6, 8);
    float[] y = run(true, x);
    int dropped = 0;
    for (int b = 0; b < 4; b++) {
      for (int f = 0; f < 8; f++) {
        boolean zero = y[(b * 6) * 8 + f] == 0f;
        dropped += zero ? 1 : 0;
        for (int t = 0; t < 6; t++) {
          int i = (b * 6 + t) * 8 + f;
          // Kept values are scaled by 1 / (1 - rate) = 2; a dropped feature is 0 at every step.
          assertTrue(zero ? y[i] == 0f : y[i] == 2f * x.data()[i], "sample " + b + " feature " + f);
        }
      }
    }
    assertTrue(dropped > 4 && dropped < 28, dropped + " of 32 features dropped at rate 0.5");
  }

  @Test
  void inferenceIsTheIdentity() {
    FloatBlock x = RandomBlocks.uniform(2, -1, 1, 4, 6, 8);
    assertArrayEquals(x.data(), run(false, x), 0f);
  }
}
