package dev.seq2seq4j.interop;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 array held on the Java heap: a shape and its values in row-major order.
 *
 * <p>This is what {@link SavedModelRunner} takes and returns, so callers never handle native
 * tensors (whose memory must be released explicitly).
 *
 * @param shape dimension sizes, all non-negative
 * @param data values in row-major order; its length is the product of {@code shape}
 */
public record FloatArray(long[] shape, float[] data) {

  /**
   * Validates that {@code data} holds exactly as many values as {@code shape} describes.
   *
   * @param shape dimension sizes, all non-negative (copied)
   * @param data values in row-major order (not copied)
   */
  public FloatArray {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    long size = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      size = Math.multiplyExact(size, d);
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
    }
    shape = shape.clone();
  }

  /**
   * Creates an array of the given shape over {@code data}.
   *
   * @param data values in row-major order (not copied)
   * @param shape dimension sizes
   * @return the array
   */
  public static FloatArray of(float[] data, long... shape) {
    return new FloatArray(shape, data);
  }

  /**
   * Returns the shape.
   *
   * @return a copy of the dimension sizes
   */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Returns the number of dimensions.
   *
   * @return the rank
   */
  public int rank() {
    return shape.length;
  }

  /** Two arrays are equal when shapes and values are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FloatArray other
        && Arrays.equals(shape, other.shape)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  /** Shape and size only: the values can be large. */
  @Override
  public String toString() {
    return "FloatArray" + Arrays.toString(shape);
  }
}
