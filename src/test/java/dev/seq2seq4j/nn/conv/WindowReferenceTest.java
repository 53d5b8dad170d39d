package dev.seq2seq4j.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Masking;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.testing.ForwardRunner;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.testing.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv1D and the pooling layers against plain-Java loops written from TensorFlow's definitions
 * (output lengths, SAME's padding split, causal left padding, average pooling over real steps
 * only), for every padding, stride and dilation combination the zoo does not cover.
 */
class WindowReferenceTest {
  private static final int BATCH = 3;
  private static final int CHANNELS = 2;

  /** TensorFlow's SAME padding on the left: half the total, rounded down. */
  private static long sameLeft(long steps, long window, long strides) {
    long out = (steps + strides - 1) / strides;
    long total = Math.max((out - 1) * strides + window - steps, 0);
    return total / 2;
  }

  static Stream<Arguments> convolutions() {
    List<Arguments> cases = new ArrayList<>();
    for (Padding p : Padding.values()) {
      for (int[] sd : new int[][] {{1, 1}, {2, 1}, {3, 1}, {1, 2}, {1, 3}}) {
        for (int steps : new int[] {7, 8}) {
          cases.add(Arguments.of(p, sd[0], sd[1], steps));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} strides {1} dilation {2} steps {3}")
  @MethodSource("convolutions")
  void conv1dFollowsTensorFlowsDefinition(Padding padding, int strides, int dilation, int steps) {
    int k = 3;
    int filters = 2;
    Conv1D conv = Conv1D.builder(filters, k).strides(strides).dilationRate(dilation)
        .padding(padding).name("conv").build();
    FloatBlock x = RandomBlocks.uniform(steps, -1, 1, BATCH, steps, CHANNELS);
    FloatBlock kernel = RandomBlocks.uniform(7, -1, 1, k, CHANNELS, filters);
    FloatBlock bias = RandomBlocks.uniform(8, -1, 1, filters);
    FloatBlock got = run(conv, x, Map.of("conv/kernel", kernel, "conv/bias", bias));

    long window = (long) dilation * (k - 1) + 1;
    long left = switch (padding) {
      case VALID -> 0;
      case SAME -> sameLeft(steps, window, strides);
      case CAUSAL -> window - 1;
    };
    int out = (int) padding.outputLength(steps, window, strides);
    float[] expected = new float[BATCH * out * filters];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < out; t++) {
        for (int f = 0; f < filters; f++) {
          double sum = bias.data()[f];
          for (int j = 0; j < k; j++) {
            long src = t * strides + (long) j * dilation - left;
            if (src < 0 || src >= steps) {
              continue; // a padded zero
            }
            for (int c = 0; c < CHANNELS; c++) {
              sum += x.get(b, (int) src, c) * kernel.get(j, c, f);
            }
          }
          expected[(b * out + t) * filters + f] = (float) sum;
        }
      }
    }
    assertArrayEquals(new long[] {BATCH, out, filters}, got.shape());
    Tolerance.assertAllClose(expected, got.data(), 1e-5, 1e-5, conv.describe());
  }

  static Stream<Arguments> poolings() {
    List<Arguments> cases = new ArrayList<>();
    for (boolean max : new boolean[] {true, false}) {
      for (Padding p : new Padding[] {Padding.VALID, Padding.SAME}) {
        for (int[] ps : new int[][] {{2, 2}, {3, 2}, {3, 1}, {2, 3}}) {
          for (int steps : new int[] {7, 8}) {
            cases.add(Arguments.of(max, p, ps[0], ps[1], steps));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "max {0} {1} pool {2} strides {3} steps {4}")
  @MethodSource("poolings")
  void poolingFollowsTensorFlowsDefinition(boolean max, Padding padding, int pool, int strides,
      int steps) {
    Layer layer = max ? new MaxPooling1D(pool, strides, padding, null)
        : new AveragePooling1D(pool, strides, padding, null);
    FloatBlock x = RandomBlocks.uniform(steps + 10, -1, 1, BATCH, steps, CHANNELS);
    FloatBlock got = run(layer, x, Map.of());
    long left = padding == Padding.SAME ? sameLeft(steps, pool, strides) : 0;
    int out = (int) padding.outputLength(steps, pool, strides);
    float[] expected = new float[BATCH * out * CHANNELS];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < out; t++) {
        for (int c = 0; c < CHANNELS; c++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int real = 0;
          for (int j = 0; j < pool; j++) {
            long src = t * strides + j - left;
            if (src >= 0 && src < steps) {
              float v = x.get(b, (int) src, c);
              acc = max ? Math.max(acc, v) : acc + v;
              real++;
            }
          }
          // Padded positions never win a max and are not counted in an average.
          expected[(b * out + t) * CHANNELS + c] = (float) (max ? acc : acc / real);
        }
      }
    }
    assertArrayEquals(new long[] {BATCH, out, CHANNELS}, got.shape());
    Tolerance.assertAllClose(expected, got.data(), 1e-6, 1e-6, layer.describe());
  }

  @Test
  void globalAverageAveragesRealStepsAndGlobalMaxIgnoresTheMask() {
    // Masking(0) marks row 0's last two steps and row 1's first step as padding.
    // All real values are negative, so the padding zeros win the max: Keras 3.8 lets them.
    float[] d = RandomBlocks.uniform(3, -1.5, -0.5, 2, 4, 2).data().clone();
    d[4] = d[5] = d[6] = d[7] = 0f;
    d[8] = d[9] = 0f;
    FloatBlock x = FloatBlock.of(d, 2, 4, 2);
    SymbolicTensor in = InputLayer.input("x", 4, 2);
    SymbolicTensor masked = new Masking(0f, null).apply(in);
    Model m = Model.functional("pools", List.of(in), List.of(
        new GlobalAveragePooling1D(false, null).apply(masked),
        new GlobalMaxPooling1D(true, null).apply(masked)));
    List<FloatBlock> out = ForwardRunner.run(m, 1, x);
    float[] avg = {(d[0] + d[2]) / 2, (d[1] + d[3]) / 2,
        (d[10] + d[12] + d[14]) / 3, (d[11] + d[13] + d[15]) / 3};
    Tolerance.assertAllClose(avg, out.get(0).data(), 1e-6, 1e-6, "masked average");
    float[] maxes = new float[4];
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 2; c++) {
        float best = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < 4; t++) {
          best = Math.max(best, d[(b * 4 + t) * 2 + c]);
        }
        maxes[b * 2 + c] = best;
      }
    }
    assertArrayEquals(new long[] {2, 1, 2}, out.get(1).shape());
    assertArrayEquals(maxes, out.get(1).data(), 0f);
  }

  private static FloatBlock run(Layer layer, FloatBlock x, Map<String, FloatBlock> weights) {
    SymbolicTensor in = InputLayer.input("x", x.shape()[1], x.shape()[2]);
    Model m = Model.functional("m", List.of(in), List.of(layer.apply(in)));
    return ForwardRunner.run(m, 1, weights, x).get(0);
  }
}
