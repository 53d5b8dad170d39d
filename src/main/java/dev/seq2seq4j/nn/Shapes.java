package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import java.util.Arrays;

/** Small helpers for per-sample shapes (shapes without the batch dimension). */
public final class Shapes {
  private Shapes() {}

  /** The number of scalars in one sample of this shape. */
  public static long size(long[] shape) {
    return FloatBlock.checkedSize(shape);
  }

  /**
   * The number of scalars in a shape, exact beyond what one Java array holds and capped at
   * {@link Long#MAX_VALUE} instead of overflowing: for counting, where {@link #size} is for
   * allocating.
   */
  public static long saturatedSize(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d != 0 && n > Long.MAX_VALUE / d) {
        return Long.MAX_VALUE;
      }
      n *= d;
    }
    return n;
  }

  /**
   * {@code a + b} for non-negative counts, capped at {@link Long#MAX_VALUE} instead of wrapping
   * to a negative count.
   */
  public static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** The shape with a leading {@code None} batch dimension, as Keras prints it: {@code (None, 4, 10)}. */
  public static String withBatch(long[] shape) {
    StringBuilder sb = new StringBuilder("(None");
    for (long d : shape) {
      sb.append(", ").append(d);
    }
    return sb.append(')').toString();
  }

  /** The shape with a leading {@code -1} batch dimension, for TensorFlow reshapes. */
  public static long[] batched(long[] shape) {
    long[] s = new long[shape.length + 1];
    s[0] = -1;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return s;
  }

  /**
   * Throws unless {@code shape} has the given rank; the message names the layer and the shape.
   *
   * @param layer the layer, for the message
   * @param shape a per-sample shape
   * @param rank the rank it must have (without the batch)
   * @param what what the layer expects, for the message
   */
  public static void requireRank(String layer, long[] shape, int rank, String what) {
    if (shape.length != rank) {
      throw new IllegalArgumentException(
          layer + " expects " + what + " (rank " + (rank + 1) + " with the batch), got "
              + withBatch(shape));
    }
  }

  /**
   * Throws unless every dimension is positive (static unrolling needs known sizes).
   *
   * @param what names the shape in the message
   * @param shape a per-sample shape
   */
  public static void requireKnown(String what, long[] shape) {
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            what + " needs every dimension known and positive, got " + Arrays.toString(shape));
      }
    }
  }
}
