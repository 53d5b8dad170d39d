package dev.seq2seq4j.data;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Karakaya's closing problems, where lengths are not fixed: input sequences of 1 to {@code
 * maxLength} values in [0, values), and as output the sequence reversed, or reversed keeping
 * only the first occurrence of each value ({@code [3, 2, 3, 5, 2]} to {@code [2, 5, 3]}), ended
 * by an end symbol.
 *
 * <p>Encoding: inputs are padded at the front with a padding symbol (index {@code values}) to
 * {@code maxLength}, so the last value always sits in the last step; outputs are one-hot over
 * the values and the end symbol (index {@code values}), {@code maxLength + 1} steps, filled up
 * with end symbols after the answer.
 *
 * @param maxLength the longest input, at least 1
 * @param values the number of distinct values, at least 2
 * @param firstOccurrences whether repeated values are dropped after their first occurrence
 *     (in the reversed order)
 */
public record VariableReverseProblem(int maxLength, int values, boolean firstOccurrences) {

  /**
   * Validates the sizes.
   *
   * @param maxLength the longest input
   * @param values the number of distinct values
   * @param firstOccurrences whether repeats are dropped
   * @throws IllegalArgumentException if a size is out of range
   */
  public VariableReverseProblem {
    if (maxLength < 1) {
      throw new IllegalArgumentException("length must be >= 1, got " + maxLength);
    }
    if (values < 2) {
      throw new IllegalArgumentException("values must be >= 2, got " + values);
    }
  }

  /**
   * The padding symbol of inputs and the end symbol of outputs: index {@code values}.
   *
   * @return the index
   */
  public int endSymbol() {
    return values;
  }

  /**
   * The one-hot width of inputs and outputs: the values and one more symbol.
   *
   * @return {@code values + 1}
   */
  public int width() {
    return values + 1;
  }

  /**
   * The output steps: the longest answer and its end symbol.
   *
   * @return {@code maxLength + 1}
   */
  public int outputSteps() {
    return maxLength + 1;
  }

  /**
   * The answer to one input: reversed, and with {@code firstOccurrences} each value once.
   *
   * @param sequence the input
   * @return the answer, without the end symbol
   */
  public int[] answer(int[] sequence) {
    int[] reversed = ReversedSequenceProblem.reversed(sequence);
    if (!firstOccurrences) {
      return reversed;
    }
    Set<Integer> kept = new LinkedHashSet<>();
    for (int v : reversed) {
      kept.add(v);
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Random inputs: for each, a length with {@code randint(1, maxLength)}, then that many values
   * with {@code randint(0, values - 1)}.
   *
   * @param n how many, at least 1
   * @param rng the random source
   * @return the inputs
   */
  public int[][] randomSequences(int n, RandomGenerator rng) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one sequence, got " + n);
    }
    Objects.requireNonNull(rng, "rng");
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      int length = 1 + rng.nextInt(maxLength);
      out[i] = new int[length];
      for (int t = 0; t < length; t++) {
        out[i][t] = rng.nextInt(values);
      }
    }
    return out;
  }

  /**
   * Encodes inputs and their answers.
   *
   * @param sequences inputs of 1 to {@code maxLength} values in [0, values)
   * @return x {@code [n, maxLength, values + 1]} front-padded, y {@code [n, maxLength + 1,
   *     values + 1]} answer then end symbols
   * @throws IllegalArgumentException if an input is empty, too long or out of range
   */
  public Dataset encode(int[][] sequences) {
    int n = sequences.length;
    float[] y = new float[Math.multiplyExact(n, outputSteps() * width())];
    for (int i = 0; i < n; i++) {
      int[] a = answer(check(sequences[i], i));
      int[] steps = new int[outputSteps()];
      Arrays.fill(steps, endSymbol());
      System.arraycopy(a, 0, steps, 0, a.length);
      OneHot.encodeInto(steps, width(), y, i * outputSteps() * width());
    }
    return Dataset.of(encodeInputs(sequences), FloatBlock.wrap(y, n, outputSteps(), width()));
  }

  /**
   * Encodes inputs alone, padded at the front.
   *
   * @param sequences inputs of 1 to {@code maxLength} values
   * @return {@code [n, maxLength, values + 1]}
   */
  public FloatBlock encodeInputs(int[][] sequences) {
    int n = sequences.length;
    float[] x = new float[Math.multiplyExact(n, maxLength * width())];
    for (int i = 0; i < n; i++) {
      int[] s = check(sequences[i], i);
      int[] steps = new int[maxLength];
      Arrays.fill(steps, endSymbol());
      System.arraycopy(s, 0, steps, maxLength - s.length, s.length);
      OneHot.encodeInto(steps, width(), x, i * maxLength * width());
    }
    return FloatBlock.wrap(x, n, maxLength, width());
  }

  private int[] check(int[] s, int i) {
    if (s.length < 1 || s.length > maxLength) {
      throw new IllegalArgumentException("sequence " + i + " has " + s.length
          + " values; expected 1 to " + maxLength);
    }
    for (int v : s) {
      if (v < 0 || v >= values) {
        throw new IllegalArgumentException("value " + v + " of sequence " + i
            + " is outside [0, " + values + ")");
      }
    }
    return s;
  }

  /**
   * A decoded output up to its end symbol (all steps if there is none).
   *
   * @param tokens one output's symbols
   * @return the values before the first end symbol
   */
  public int[] untilEnd(int[] tokens) {
    for (int t = 0; t < tokens.length; t++) {
      if (tokens[t] == endSymbol()) {
        return Arrays.copyOf(tokens, t);
      }
    }
    return tokens.clone();
  }
}
