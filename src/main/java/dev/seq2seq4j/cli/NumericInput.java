package dev.seq2seq4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One sample typed as numbers ({@code "0.1 0.5 -2e-3"}, commas or spaces), read strictly:
 * decimal notation only (no {@code NaN}, {@code Infinity}, hex floats or Java's {@code 1d}),
 * and every value finite as a float32, so a typo never becomes a silent wrong answer.
 */
final class NumericInput {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private NumericInput() {}

  /**
   * The values of one line.
   *
   * @param line the user's input
   * @return the values in order
   * @throws UserInputException naming the first token that is not a finite decimal number
   */
  static float[] parse(String line) {
    List<Float> values = new ArrayList<>();
    for (String tok : line.trim().split("[\\s,]+")) {
      if (tok.isEmpty()) {
        continue;
      }
      if (!NUMBER.matcher(tok).matches()) {
        throw new UserInputException("'" + tok + "' is not a decimal number");
      }
      float v = Float.parseFloat(tok);
      if (!Float.isFinite(v)) {
        throw new UserInputException("'" + tok + "' is outside the float32 range");
      }
      values.add(v);
    }
    if (values.isEmpty()) {
      throw new UserInputException("the input holds no numbers");
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /**
   * The per-sample shape for {@code count} values: the declared shape, with one unknown size
   * inferred from the count.
   *
   * @param name the input's name, for messages
   * @param declared the per-sample shape, -1 for unknown sizes
   * @param count how many values were typed
   * @return the full per-sample shape
   * @throws UserInputException if the count does not fit
   */
  static long[] shapeFor(String name, long[] declared, int count) {
    long[] row = declared.clone();
    long known = 1;
    int unknown = -1;
    for (int i = 0; i < row.length; i++) {
      if (row[i] < 0) {
        if (unknown >= 0) {
          throw new UserInputException("input '" + name + "' has several unknown sizes "
              + Arrays.toString(declared) + "; cannot infer its shape");
        }
        unknown = i;
      } else {
        known *= row[i];
      }
    }
    if (unknown >= 0 && known > 0 && count % known == 0) {
      row[unknown] = count / known;
      known = count;
    }
    if (known != count) {
      throw new UserInputException("input '" + name + "' takes " + known
          + " values per sample (shape " + Arrays.toString(declared) + "), got " + count);
    }
    return row;
  }

  /**
   * A flat row-major array as nested lists, for JSON output.
   *
   * @param data the values
   * @param shape their shape
   * @param axis the first axis to nest (1 drops the batch of one)
   * @param offset where the slice starts
   * @return nested lists of floats
   */
  static Object nested(float[] data, long[] shape, int axis, int offset) {
    if (axis == shape.length) {
      return data[offset];
    }
    long stride = 1;
    for (int i = axis + 1; i < shape.length; i++) {
      stride *= shape[i];
    }
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < shape[axis]; i++) {
      list.add(nested(data, shape, axis + 1, (int) (offset + i * stride)));
    }
    return list;
  }
}
