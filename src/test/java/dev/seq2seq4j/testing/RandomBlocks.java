package dev.seq2seq4j.testing;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Shapes;
import java.util.SplittableRandom;

/** Test helper: seeded random blocks. */
public final class RandomBlocks {
  private RandomBlocks() {}

  /**
   * Values uniform in {@code [min, max)}.
   *
   * @param seed the generator's seed
   * @param min the lower bound
   * @param max the upper bound
   * @param shape the block's shape, rows first
   * @return the block
   */
  public static FloatBlock uniform(long seed, double min, double max, long... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[(int) Shapes.size(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (min + (max - min) * r.nextDouble());
    }
    return FloatBlock.of(d, shape);
  }
}
