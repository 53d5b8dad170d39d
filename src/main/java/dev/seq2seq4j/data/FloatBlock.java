package dev.seq2seq4j.data;

import java.util.Arrays;

/**
 * An immutable block of floats in row-major order with a shape: the project's one plain-Java
 * form of a tensor. Datasets, weights, model inputs and outputs, SavedModel feeds and results
 * and Keras weight files all travel as blocks, so callers never handle native tensors (whose
 * memory must be released explicitly). For batched data the first dimension counts rows
 * (samples): the training loop cuts batches out of it with {@link #slice} and {@link #gather}.
 *
 * <p>Any rank is allowed, including 0 (a scalar, such as Keras's attention {@code scale}), and
 * dimensions may be 0 (an empty batch).
 *
 * <p>Immutability is by convention for {@link #data()}: that method hands out the backing array
 * to avoid a copy per batch, and callers must not write to it. Every other accessor copies.
 */
public final class FloatBlock {

  private final float[] data;
  private final long[] shape;
  private final int rowSize;

  private FloatBlock(float[] data, long[] shape) {
    this.data = data;
    this.shape = shape;
    long perRow = 1;
    for (int i = 1; i < shape.length; i++) {
      perRow *= shape[i];
    }
    this.rowSize = (int) perRow;
  }

  /**
   * Creates a block from a copy of {@code data}.
   *
   * @param data values in row-major order
   * @param shape dimension sizes, all non-negative; none for a scalar
   * @return the block
   * @throws IllegalArgumentException if a dimension is negative or the shape's size does not
   *     equal {@code data.length}
   */
  public static FloatBlock of(float[] data, long... shape) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    return wrap(data.clone(), shape);
  }

  /**
   * Creates a block that takes ownership of {@code data} without copying it: for arrays the
   * caller has just filled (a tensor's values, a decoded weight) and will not touch again.
   *
   * @param data values in row-major order, not copied
   * @param shape dimension sizes, all non-negative; none for a scalar
   * @return the block
   * @throws IllegalArgumentException if a dimension is negative or the shape's size does not
   *     equal {@code data.length}
   */
  public static FloatBlock wrap(float[] data, long... shape) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    long size = checkedSize(shape);
    if (size != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
          + size + " values but data has " + data.length);
    }
    return new FloatBlock(data, shape.clone());
  }

  /**
   * The number of values a shape holds, checked: no negative dimension, and no more values
   * than a Java array can hold.
   *
   * @param shape dimension sizes; none for a scalar
   * @return the product of the dimensions (1 for a scalar)
   * @throws IllegalArgumentException naming the shape if it is invalid or too large
   */
  public static long checkedSize(long... shape) {
    if (shape == null) {
      throw new IllegalArgumentException("shape must not be null");
    }
    long size = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException("dimension " + i + " of shape "
            + Arrays.toString(shape) + " must be >= 0, got " + shape[i]);
      }
    }
    for (long d : shape) {
      if (d == 0) {
        return 0;
      }
      size *= d;
      if (size > MAX_VALUES) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape)
            + " has more elements than a Java array can hold");
      }
    }
    return size;
  }

  /** The largest Java array that is safe to allocate. */
  private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  /**
   * Number of rows: the first dimension.
   *
   * @return the row count
   * @throws IllegalStateException for a scalar, which has no rows
   */
  public int rows() {
    if (shape.length == 0) {
      throw new IllegalStateException("a scalar block has no rows");
    }
    return (int) shape[0];
  }

  /**
   * Number of values.
   *
   * @return the product of the shape (1 for a scalar)
   */
  public int size() {
    return data.length;
  }

  /**
   * The shape without its first dimension, e.g. {@code [steps, features]}; empty for a rank-1
   * block.
   *
   * @return a copy of the row shape
   */
  public long[] rowShape() {
    return shape.length == 0 ? new long[0] : Arrays.copyOfRange(shape, 1, shape.length);
  }

  /**
   * Number of values per row: the product of {@link #rowShape()}.
   *
   * @return the row size
   */
  public int rowSize() {
    return rowSize;
  }

  /**
   * The full shape.
   *
   * @return a copy of the shape
   */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Number of dimensions.
   *
   * @return the rank
   */
  public int rank() {
    return shape.length;
  }

  /**
   * The backing array in row-major order, without a copy. Do not modify it: blocks and the
   * datasets built on them are shared and assumed immutable.
   *
   * @return the backing array
   */
  public float[] data() {
    return data;
  }

  /**
   * One value by its full index.
   *
   * @param index one coordinate per dimension
   * @return the value
   * @throws IllegalArgumentException if the index has the wrong rank or is out of range
   */
  public float get(long... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("index " + Arrays.toString(index)
          + " has rank " + index.length + " but the shape " + Arrays.toString(shape)
          + " has rank " + shape.length);
    }
    long flat = 0;
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new IllegalArgumentException("index " + Arrays.toString(index)
            + " is out of range for shape " + Arrays.toString(shape));
      }
      flat = flat * shape[i] + index[i];
    }
    return data[(int) flat];
  }

  /**
   * A copy of one row's values.
   *
   * @param i row index in [0, rows())
   * @return {@link #rowSize()} values
   * @throws IllegalArgumentException if the row is out of range
   */
  public float[] row(int i) {
    if (i < 0 || i >= rows()) {
      throw new IllegalArgumentException("row " + i + " is outside [0, " + rows() + ")");
    }
    return Arrays.copyOfRange(data, i * rowSize, (i + 1) * rowSize);
  }

  /**
   * A new block with the given rows in the given order (repeats allowed), e.g. a shuffled
   * batch.
   *
   * @param indices row indices, at least one
   * @return the gathered block, shape {@code [indices.length, rowShape...]}
   * @throws IllegalArgumentException if {@code indices} is empty or an index is out of range
   */
  public FloatBlock gather(int[] indices) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("gather needs at least one row index");
    }
    float[] out = new float[Math.multiplyExact(indices.length, rowSize)];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= rows()) {
        throw new IllegalArgumentException("row index " + i + " at position " + k
            + " is outside [0, " + rows() + ")");
      }
      System.arraycopy(data, i * rowSize, out, k * rowSize, rowSize);
    }
    return new FloatBlock(out, withRows(indices.length));
  }

  /**
   * A new block with rows {@code [from, to)}.
   *
   * @param from first row, inclusive
   * @param to last row, exclusive; greater than {@code from}
   * @return the slice, shape {@code [to - from, rowShape...]}
   * @throws IllegalArgumentException unless {@code 0 <= from < to <= rows()}
   */
  public FloatBlock slice(int from, int to) {
    if (from < 0 || to > rows() || from >= to) {
      throw new IllegalArgumentException("slice [" + from + ", " + to
          + ") must be a non-empty range inside [0, " + rows() + ")");
    }
    float[] out = Arrays.copyOfRange(data, from * rowSize, to * rowSize);
    return new FloatBlock(out, withRows(to - from));
  }

  /**
   * The same values under another shape with the same number of elements, e.g. {@code [n, 2]}
   * to {@code [n, 2, 1]} for a recurrent layer. Shares the backing array (both are immutable).
   *
   * @param newShape the new shape; its first dimension becomes the row count
   * @return the reshaped block
   * @throws IllegalArgumentException if the sizes differ or a dimension is negative
   */
  public FloatBlock reshape(long... newShape) {
    return wrap(data, newShape);
  }

  private long[] withRows(int rows) {
    long[] s = shape.clone();
    s[0] = rows;
    return s;
  }

  /**
   * Equal when shapes and all values are equal ({@link Float#compare} semantics per value).
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FloatBlock other
        && Arrays.equals(shape, other.shape)
        && Arrays.equals(data, other.data);
  }

  /**
   * Hash of shape and values.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  /**
   * The shape, e.g. {@code FloatBlock[1000, 5, 12]}.
   *
   * @return a short description (values are not printed)
   */
  @Override
  public String toString() {
    return "FloatBlock" + Arrays.toString(shape);
  }
}
