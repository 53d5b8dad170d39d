package dev.seq2seq4j.data;

import java.util.Objects;

/**
 * Data for Brownlee's mapping models (the "beginner's mistake"): the terms and their sum as
 * numbers scaled by {@code largest * nNumbers}, for an MLP ({@code X [n, nNumbers]}) or an LSTM
 * regression ({@code X [n, nNumbers, 1]}), with the tutorial's {@code invert} and an RMSE.
 *
 * @param nNumbers number of terms per example, at least 1
 * @param largest largest term drawn, at least 1
 */
public record NormalisedSums(int nNumbers, int largest) {

  /** The tutorial's mapping configuration: two terms in [1, 100]. */
  public static final NormalisedSums TUTORIAL = new NormalisedSums(2, 100);

  /**
   * Validates the configuration with the same rules as {@link AdditionProblem}.
   *
   * @param nNumbers number of terms per example, at least 1
   * @param largest largest term drawn, at least 1
   * @throws IllegalArgumentException if {@code nNumbers < 1}, {@code largest < 1}, or the
   *     values are too large
   */
  public NormalisedSums {
    new AdditionProblem(nNumbers, largest); // one place for the validation rules
  }

  /**
   * The unscaled problem with the same terms, which draws the examples.
   *
   * @return the matching addition problem
   */
  public AdditionProblem problem() {
    return new AdditionProblem(nNumbers, largest);
  }

  /**
   * The divisor {@code largest * nNumbers} used by the tutorial for inputs and outputs alike.
   *
   * @return the scale
   */
  public double scale() {
    return (double) largest * nNumbers;
  }

  /**
   * Scales one value like the tutorial: {@code value / float(largest * n_numbers)} in float64,
   * then narrowed to float32 the way Keras narrows a float64 array on input.
   *
   * @param value a term or a sum
   * @return the scaled value
   */
  public float normalise(int value) {
    return (float) (value / scale());
  }

  /**
   * The tutorial's {@code random_sum_pairs} with scaling: X {@code [n, nNumbers]} for the MLP,
   * y {@code [n, 1]}.
   *
   * @param n number of examples, at least 1
   * @param rnd the random source; seeded like Python it gives Python's examples
   * @return the dataset
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Dataset generate(int n, PythonRandom rnd) {
    return encode(problem().randomSumPairs(n, rnd));
  }

  /**
   * As {@link #generate}, with X shaped {@code [n, nNumbers, 1]} like the tutorial's
   * {@code X.reshape(n_examples, n_numbers, 1)} for the LSTM regression.
   *
   * @param n number of examples, at least 1
   * @param rnd the random source
   * @return the dataset
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Dataset generateSequences(int n, PythonRandom rnd) {
    return encodeSequences(problem().randomSumPairs(n, rnd));
  }

  /**
   * Scales given examples: X {@code [n, nNumbers]}, y {@code [n, 1]}.
   *
   * @param pairs examples with exactly {@code nNumbers} terms each
   * @return the dataset
   * @throws IllegalArgumentException if an example has a different number of terms
   */
  public Dataset encode(SumPairs pairs) {
    Objects.requireNonNull(pairs, "pairs");
    int n = pairs.size();
    float[] x = new float[Math.multiplyExact(n, nNumbers)];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int[] terms = pairs.terms(i);
      if (terms.length != nNumbers) {
        throw new IllegalArgumentException("example " + i + " has " + terms.length
            + " terms but this problem has nNumbers = " + nNumbers);
      }
      for (int j = 0; j < nNumbers; j++) {
        x[i * nNumbers + j] = normalise(terms[j]);
      }
      y[i] = normalise(pairs.sum(i));
    }
    return Dataset.of(FloatBlock.wrap(x, n, nNumbers), FloatBlock.wrap(y, n, 1));
  }

  /**
   * As {@link #encode}, with X shaped {@code [n, nNumbers, 1]}.
   *
   * @param pairs examples with exactly {@code nNumbers} terms each
   * @return the dataset
   * @throws IllegalArgumentException if an example has a different number of terms
   */
  public Dataset encodeSequences(SumPairs pairs) {
    Dataset flat = encode(pairs);
    return Dataset.of(flat.x().reshape(pairs.size(), nNumbers, 1), flat.y());
  }

  /**
   * The tutorial's {@code invert}: {@code round(value * float(largest * n_numbers))} with
   * Python 3's {@code round}, which rounds halves to even (0.5 to 0, 1.5 to 2, 2.5 to 2).
   * The product is taken in double precision; a float32 model output widened to double gives
   * what NumPy 1.x computes for {@code np.float32 * float}.
   *
   * @param value a scaled value, e.g. a prediction
   * @return the nearest integer, halves to even
   * @throws IllegalArgumentException if the value is NaN or infinite (Python raises too) or the
   *     result does not fit an {@code int}
   */
  public int invert(double value) {
    double product = value * scale();
    if (!Double.isFinite(product)) {
      throw new IllegalArgumentException("cannot round " + product + " (from " + value
          + ") to an integer");
    }
    double rounded = Math.rint(product); // IEEE round-half-even, like Python 3's round()
    if (rounded < Integer.MIN_VALUE || rounded > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(rounded + " (from " + value + ") does not fit an int");
    }
    return (int) rounded;
  }

  /**
   * {@link #invert(double)} for every value, e.g. a model's {@code [n, 1]} output column.
   *
   * @param values scaled values
   * @return the rounded integers
   * @throws IllegalArgumentException if a value cannot be inverted
   */
  public int[] invertAll(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = invert(values[i]);
    }
    return out;
  }

  /**
   * Root mean squared error as the tutorial computes it,
   * {@code sqrt(mean_squared_error(expected, predicted))} in double precision. Integer squared
   * errors are summed exactly while the total stays below 2^53, so for any realistic data the
   * result does not depend on summation order and equals NumPy's.
   *
   * @param expected true values, at least one
   * @param predicted predicted values, same length
   * @return the RMSE
   * @throws IllegalArgumentException if the arrays are empty or differ in length
   */
  public static double rmse(int[] expected, int[] predicted) {
    if (expected.length == 0 || expected.length != predicted.length) {
      throw new IllegalArgumentException("rmse needs two non-empty arrays of equal length, got "
          + expected.length + " and " + predicted.length);
    }
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = (double) expected[i] - predicted[i];
      sum += d * d;
    }
    return Math.sqrt(sum / expected.length);
  }
}
