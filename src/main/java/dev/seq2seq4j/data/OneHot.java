package dev.seq2seq4j.data;

/**
 * One-hot encoding and argmax decoding on flat, row-major float arrays: the two primitives both
 * tutorials use to turn symbols into model inputs and softmax outputs back into symbols.
 */
public final class OneHot {

  private OneHot() {
  }

  /**
   * One-hot encodes a sequence of class indices into a new {@code [indices.length * depth]}
   * array, one block of {@code depth} values per step.
   *
   * @param indices class index per step, each in [0, depth)
   * @param depth number of classes
   * @return the encoding
   * @throws IllegalArgumentException if {@code depth < 1} or an index is out of range
   */
  public static float[] encode(int[] indices, int depth) {
    requirePositive(depth, "depth");
    float[] out = new float[Math.multiplyExact(indices.length, depth)];
    encodeInto(indices, depth, out, 0);
    return out;
  }

  /**
   * One-hot encodes into an existing zero-filled array, starting at {@code offset}; used to fill
   * whole datasets without a temporary array per sample.
   *
   * @param indices class index per step, each in [0, depth)
   * @param depth number of classes
   * @param target array to write into; the written range must be zero beforehand
   * @param offset first position written
   * @throws IllegalArgumentException if {@code depth < 1}, an index is out of range, or the
   *     target is too short
   */
  public static void encodeInto(int[] indices, int depth, float[] target, int offset) {
    requirePositive(depth, "depth");
    long end = offset + (long) indices.length * depth;
    if (offset < 0 || end > target.length) {
      throw new IllegalArgumentException("one-hot of " + indices.length + " steps x "
          + depth + " classes at offset " + offset + " does not fit an array of "
          + target.length);
    }
    for (int step = 0; step < indices.length; step++) {
      int index = indices[step];
      if (index < 0 || index >= depth) {
        throw new IllegalArgumentException("class index " + index + " at step " + step
            + " is outside [0, " + depth + ")");
      }
      target[offset + step * depth + index] = 1f;
    }
  }

  /**
   * Index of the largest value in {@code values[offset, offset + length)}, with NumPy's
   * {@code argmax} rules: ties go to the lowest index, and the first NaN wins (NumPy treats NaN
   * as the maximum).
   *
   * @param values the data
   * @param offset first position considered
   * @param length number of positions considered, at least 1
   * @return the index relative to {@code offset}
   * @throws IllegalArgumentException if the range is empty or out of bounds
   */
  public static int argmax(float[] values, int offset, int length) {
    if (length < 1 || offset < 0 || (long) offset + length > values.length) {
      throw new IllegalArgumentException("argmax range [" + offset + ", "
          + ((long) offset + length) + ") is empty or outside an array of "
          + values.length);
    }
    int best = 0;
    float bestValue = values[offset];
    if (Float.isNaN(bestValue)) {
      return 0;
    }
    for (int i = 1; i < length; i++) {
      float v = values[offset + i];
      if (Float.isNaN(v)) {
        return i;
      }
      if (v > bestValue) { // strict: an equal later value never replaces the first
        best = i;
        bestValue = v;
      }
    }
    return best;
  }

  /**
   * Argmax of every step of one sample: {@code probs[offset, offset + steps * depth)} read as
   * {@code [steps, depth]}.
   *
   * @param probs the data, e.g. softmax outputs
   * @param offset position of the sample's first value
   * @param steps number of steps, at least 1
   * @param depth number of classes per step, at least 1
   * @return the class index of each step
   * @throws IllegalArgumentException if the sizes are not positive or the range is out of bounds
   */
  public static int[] argmaxPerStep(float[] probs, int offset, int steps, int depth) {
    requirePositive(steps, "steps");
    requirePositive(depth, "depth");
    long end = offset + (long) steps * depth;
    if (offset < 0 || end > probs.length) {
      throw new IllegalArgumentException(steps + " steps x " + depth + " classes at offset "
          + offset + " do not fit an array of " + probs.length);
    }
    int[] out = new int[steps];
    for (int step = 0; step < steps; step++) {
      out[step] = argmax(probs, offset + step * depth, depth);
    }
    return out;
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }
}
