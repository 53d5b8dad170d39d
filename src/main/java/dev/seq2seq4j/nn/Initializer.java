package dev.seq2seq4j.nn;

import java.util.random.RandomGenerator;

/**
 * Produces the initial values of one weight in Java, from a seeded random generator.
 *
 * <p>Initial values are computed on the JVM rather than by TensorFlow random ops so that the same
 * seed gives the same weights on every platform and TensorFlow version, and so that the
 * framework's Orthogonal initializer bug (GUIDE §3) never matters.
 */
@FunctionalInterface
public interface Initializer {
  /**
   * Returns row-major values for a weight of the given shape.
   *
   * @param shape the weight's shape, e.g. {@code [in, 4 * units]}
   * @param random the generator to draw from; each weight gets its own
   */
  float[] values(long[] shape, RandomGenerator random);
}
