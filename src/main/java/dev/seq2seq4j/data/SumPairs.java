package dev.seq2seq4j.data;

import java.util.Arrays;

/**
 * Unencoded addition examples: the terms of each example and their sum, as returned by the
 * Brownlee tutorial's {@code random_sum_pairs} before any scaling or string conversion.
 * Immutable; accessors copy.
 */
public final class SumPairs {

  private final int[][] terms;
  private final int[] sums;

  private SumPairs(int[][] terms, int[] sums) {
    this.terms = terms;
    this.sums = sums;
  }

  /**
   * Builds examples from their terms; each sum is computed here.
   *
   * @param terms one array of terms per example, at least one example, each with at least one
   *     term
   * @return the examples
   * @throws IllegalArgumentException if there are no examples, an example has no terms, or a
   *     sum overflows {@code int}
   */
  public static SumPairs of(int[][] terms) {
    if (terms == null || terms.length == 0) {
      throw new IllegalArgumentException("need at least one example");
    }
    int[][] copy = new int[terms.length][];
    int[] sums = new int[terms.length];
    for (int i = 0; i < terms.length; i++) {
      if (terms[i] == null || terms[i].length == 0) {
        throw new IllegalArgumentException("example " + i + " has no terms");
      }
      copy[i] = terms[i].clone();
      long sum = 0;
      for (int t : copy[i]) {
        sum += t;
      }
      if (sum != (int) sum) {
        throw new IllegalArgumentException("sum of example " + i + " "
            + Arrays.toString(copy[i]) + " does not fit an int");
      }
      sums[i] = (int) sum;
    }
    return new SumPairs(copy, sums);
  }

  /** Takes ownership of arrays built in this package; sums must already be correct. */
  static SumPairs wrap(int[][] terms, int[] sums) {
    return new SumPairs(terms, sums);
  }

  /**
   * Number of examples.
   *
   * @return the count
   */
  public int size() {
    return sums.length;
  }

  /**
   * The terms of one example.
   *
   * @param i example index
   * @return a copy of its terms
   */
  public int[] terms(int i) {
    return terms[i].clone();
  }

  /**
   * The sum of one example.
   *
   * @param i example index
   * @return its sum
   */
  public int sum(int i) {
    return sums[i];
  }

  /**
   * All terms, one array per example.
   *
   * @return a deep copy
   */
  public int[][] terms() {
    int[][] copy = new int[terms.length][];
    for (int i = 0; i < terms.length; i++) {
      copy[i] = terms[i].clone();
    }
    return copy;
  }

  /**
   * All sums.
   *
   * @return a copy
   */
  public int[] sums() {
    return sums.clone();
  }

  /**
   * Equal when all terms are equal (the sums follow).
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SumPairs other && Arrays.deepEquals(terms, other.terms);
  }

  /**
   * Hash of the terms.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.deepHashCode(terms);
  }

  /**
   * Formats like the tutorial's {@code print(X, y)}, e.g. {@code [[3, 10]] [13]}.
   *
   * @return the Python-style text
   */
  @Override
  public String toString() {
    return Arrays.deepToString(terms) + " " + Arrays.toString(sums);
  }
}
