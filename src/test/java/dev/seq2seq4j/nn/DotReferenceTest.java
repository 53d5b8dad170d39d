package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.testing.ForwardRunner;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.testing.Tolerance;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dot against a plain-Java loop of Keras's definition: sum over the chosen axis of each input,
 * the result's axes being the first input's remaining axes then the second's ({@code (None,
 * 1)} when none remain), each input L2-normalised along its axis first with {@code normalize}.
 */
class DotReferenceTest {
  private static final int BATCH = 2;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new long[] {3, 4}, new long[] {3, 5}, 1, 1, false),
        Arguments.of(new long[] {3, 4}, new long[] {5, 4}, 2, 2, false),
        Arguments.of(new long[] {3, 4}, new long[] {4, 5}, 2, 1, false),
        Arguments.of(new long[] {3, 4}, new long[] {5, 3}, 1, 2, true),
        Arguments.of(new long[] {3, 4}, new long[] {5, 4}, -1, -1, true),
        Arguments.of(new long[] {4}, new long[] {3, 4}, 1, 2, false),
        Arguments.of(new long[] {3, 4}, new long[] {3}, 1, 1, false),
        Arguments.of(new long[] {4}, new long[] {4}, 1, 1, true));
  }

  @ParameterizedTest(name = "{0} . {1} axes ({2}, {3}) normalize {4}")
  @MethodSource("cases")
  void dotFollowsKerasBatchDot(long[] xs, long[] ys, int ax, int ay, boolean normalize) {
    SymbolicTensor x = InputLayer.input("x", xs);
    SymbolicTensor y = InputLayer.input("y", ys);
    Dot dot = ax == ay ? new Dot(ax, normalize, null) : new Dot(ax, ay, normalize, null);
    Model m = Model.functional("dot", List.of(x, y), List.of(dot.apply(x, y)));
    FloatBlock a = RandomBlocks.uniform(1, -1, 1, batched(xs));
    FloatBlock b = RandomBlocks.uniform(2, -1, 1, batched(ys));
    FloatBlock got = ForwardRunner.run(m, 1, a, b).get(0);

    int ia = Math.floorMod(ax, xs.length + 1) - 1; // the summed axis without the batch
    int ib = Math.floorMod(ay, ys.length + 1) - 1;
    float[] na = normalize ? normalized(a, xs, ia) : a.data();
    float[] nb = normalize ? normalized(b, ys, ib) : b.data();
    long k = xs[ia];
    long restA = xs.length == 2 ? xs[1 - ia] : 1;
    long restB = ys.length == 2 ? ys[1 - ib] : 1;
    float[] expected = new float[(int) (BATCH * restA * restB)];
    for (int s = 0; s < BATCH; s++) {
      for (int i = 0; i < restA; i++) {
        for (int j = 0; j < restB; j++) {
          double sum = 0;
          for (int t = 0; t < k; t++) {
            sum += na[offset(s, xs, ia, t, i)] * nb[offset(s, ys, ib, t, j)];
          }
          expected[(int) ((s * restA + i) * restB + j)] = (float) sum;
        }
      }
    }
    assertArrayEquals(batched(m.outputs().get(0).shape()), got.shape());
    Tolerance.assertAllClose(expected, got.data(), 1e-6, 1e-5, dot.describe());
  }

  private static long[] batched(long[] shape) {
    long[] s = new long[shape.length + 1];
    s[0] = BATCH;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return s;
  }

  /** The flat index of sample s with the summed axis at t and the other axis (if any) at r. */
  private static int offset(int s, long[] shape, int summed, int t, int r) {
    if (shape.length == 1) {
      return (int) (s * shape[0] + t);
    }
    int row = summed == 0 ? t : r;
    int col = summed == 0 ? r : t;
    return (int) ((s * shape[0] + row) * shape[1] + col);
  }

  private static float[] normalized(FloatBlock block, long[] shape, int summed) {
    float[] d = block.data().clone();
    long rest = shape.length == 2 ? shape[1 - summed] : 1;
    for (int s = 0; s < BATCH; s++) {
      for (int r = 0; r < rest; r++) {
        double sq = 0;
        for (int t = 0; t < shape[summed]; t++) {
          sq += d[offset(s, shape, summed, t, r)] * d[offset(s, shape, summed, t, r)];
        }
        for (int t = 0; t < shape[summed]; t++) {
          d[offset(s, shape, summed, t, r)] /= (float) Math.sqrt(sq);
        }
      }
    }
    return d;
  }
}
