package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The one conversion between plain-Java {@link FloatBlock}s and native TensorFlow tensors.
 *
 * <p>Tensors hold native memory: every tensor made here must be closed by the caller
 * (try-with-resources), and blocks made from tensors are plain copies that outlive them.
 */
public final class Tensors {
  private Tensors() {}

  /**
   * A float32 tensor with the block's shape and values.
   *
   * @param block the values
   * @return a new tensor; close it
   */
  public static TFloat32 float32(FloatBlock block) {
    return TFloat32.tensorOf(Shape.of(block.shape()), DataBuffers.of(block.data(), true, false));
  }

  /**
   * An int32 tensor with the block's shape, for integer inputs such as an Embedding's token
   * indices (a float32 holds every integer up to 2^24 exactly).
   *
   * @param block whole numbers
   * @return a new tensor; close it
   * @throws IllegalArgumentException naming the first value that is not a whole number in the
   *     int32 range, before any native memory is taken
   */
  public static TInt32 int32(FloatBlock block) {
    float[] values = block.data();
    int[] ints = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (v != Math.rint(v) || Math.abs(v) > (1 << 24)) {
        throw new IllegalArgumentException(
            "integer input holds " + v + " at position " + i + ", which is not a whole number");
      }
      ints[i] = (int) v;
    }
    return TInt32.tensorOf(Shape.of(block.shape()), DataBuffers.of(ints, true, false));
  }

  /**
   * An int64 tensor with the block's shape (whole numbers only, checked as for {@link #int32}).
   *
   * @param block whole numbers
   * @return a new tensor; close it
   * @throws IllegalArgumentException naming the first value that is not a whole number
   */
  public static TInt64 int64(FloatBlock block) {
    float[] values = block.data();
    long[] longs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (v != Math.rint(v) || Math.abs(v) > (1 << 24)) {
        throw new IllegalArgumentException(
            "integer input holds " + v + " at position " + i + ", which is not a whole number");
      }
      longs[i] = (long) v;
    }
    return TInt64.tensorOf(Shape.of(block.shape()), DataBuffers.of(longs, true, false));
  }

  /**
   * The values of a numeric tensor as a float block (float32 as is; float64, int32 and int64
   * converted to float32).
   *
   * @param tensor a float32, float64, int32 or int64 tensor
   * @return a copy of its values with its shape
   * @throws IllegalArgumentException for any other dtype
   */
  public static FloatBlock toBlock(Tensor tensor) {
    long[] shape = tensor.shape().asArray();
    int n = Math.toIntExact(tensor.shape().size());
    float[] data = new float[n];
    if (tensor instanceof TFloat32 f) {
      f.copyTo(DataBuffers.of(data, false, false));
    } else if (tensor instanceof TFloat64 d) {
      double[] v = new double[n];
      d.copyTo(DataBuffers.of(v, false, false));
      for (int i = 0; i < n; i++) {
        data[i] = (float) v[i];
      }
    } else if (tensor instanceof TInt32 t) {
      int[] v = new int[n];
      t.copyTo(DataBuffers.of(v, false, false));
      for (int i = 0; i < n; i++) {
        data[i] = v[i];
      }
    } else if (tensor instanceof TInt64 t) {
      long[] v = new long[n];
      t.copyTo(DataBuffers.of(v, false, false));
      for (int i = 0; i < n; i++) {
        data[i] = v[i];
      }
    } else {
      throw new IllegalArgumentException("cannot read a " + tensor.dataType() + " tensor as floats");
    }
    return FloatBlock.wrap(data, shape);
  }
}
