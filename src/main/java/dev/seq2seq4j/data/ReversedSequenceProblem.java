package dev.seq2seq4j.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Karakaya's reversed-sequence problem: X is {@code nTimesteps} random integers in
 * [0, nFeatures), y is X reversed in time, both one-hot over {@code nFeatures}. For example
 * {@code X = [6, 2, 4, 5]} gives {@code y = [5, 4, 2, 6]}.
 *
 * <p>Draws mirror the tutorial's {@code generate_sequence}: {@code randint(0, n_unique - 1)} per
 * step, sample after sample. With a {@link PythonRandom} (or a {@code long} seed) the data equal
 * Python's {@code random} after {@code seed(n)}; any other {@link RandomGenerator} uses its own
 * {@code nextInt(nFeatures)}.
 *
 * @param nTimesteps sequence length, at least 1
 * @param nFeatures number of distinct values and one-hot depth, at least 2
 */
public record ReversedSequenceProblem(int nTimesteps, int nFeatures) {

  /** The tutorial's default configuration: sequences of 4 values in [0, 10). */
  public static final ReversedSequenceProblem DEFAULT = new ReversedSequenceProblem(4, 10);

  /** Training samples in the tutorial. */
  public static final int TRAIN_SIZE = 2000;

  /** Test samples in the tutorial. */
  public static final int TEST_SIZE = 200;

  /**
   * Validates the configuration.
   *
   * @param nTimesteps sequence length, at least 1
   * @param nFeatures number of distinct values and one-hot depth, at least 2
   * @throws IllegalArgumentException if {@code nTimesteps < 1}, {@code nFeatures < 2}, or one
   *     sample would not fit an array
   */
  public ReversedSequenceProblem {
    if (nTimesteps < 1) {
      throw new IllegalArgumentException("nTimesteps must be >= 1, got " + nTimesteps);
    }
    if (nFeatures < 2) {
      throw new IllegalArgumentException("nFeatures must be >= 2, got " + nFeatures);
    }
    if ((long) nTimesteps * nFeatures > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("nTimesteps * nFeatures = "
          + ((long) nTimesteps * nFeatures) + " does not fit an int");
    }
  }

  /**
   * Random input sequences, {@code rng.nextInt(nFeatures)} per step; with a
   * {@link PythonRandom} that is Python's {@code randint(0, n_features - 1)}.
   *
   * @param nSamples number of sequences, at least 1
   * @param rng the random source
   * @return {@code nSamples} arrays of {@code nTimesteps} values in [0, nFeatures)
   * @throws IllegalArgumentException if {@code nSamples < 1}
   */
  public int[][] randomSequences(int nSamples, RandomGenerator rng) {
    requireSamples(nSamples);
    Objects.requireNonNull(rng, "rng");
    int[][] out = new int[nSamples][nTimesteps];
    for (int[] sequence : out) {
      for (int t = 0; t < nTimesteps; t++) {
        sequence[t] = rng.nextInt(nFeatures);
      }
    }
    return out;
  }

  /**
   * Random one-hot dataset: x {@code [n, nTimesteps, nFeatures]} and y, the same sequences
   * reversed in time.
   *
   * @param nSamples number of samples, at least 1
   * @param rng the random source
   * @return the dataset
   * @throws IllegalArgumentException if {@code nSamples < 1}
   */
  public Dataset generate(int nSamples, RandomGenerator rng) {
    return encode(randomSequences(nSamples, rng));
  }

  /**
   * As {@link #generate(int, RandomGenerator)} with {@code new PythonRandom(seed)}, i.e.
   * Python's data after {@code random.seed(seed)}.
   *
   * @param nSamples number of samples, at least 1
   * @param seed the seed
   * @return the dataset
   * @throws IllegalArgumentException if {@code nSamples < 1}
   */
  public Dataset generate(int nSamples, long seed) {
    return generate(nSamples, new PythonRandom(seed));
  }

  /**
   * One-hot encodes given sequences: x as they are, y reversed in time.
   *
   * @param sequences at least one sequence of exactly {@code nTimesteps} values in
   *     [0, nFeatures)
   * @return x and y, both {@code [n, nTimesteps, nFeatures]}
   * @throws IllegalArgumentException if there are no sequences, a length differs, or a value
   *     is out of range
   */
  public Dataset encode(int[][] sequences) {
    requireSamples(sequences.length);
    int n = sequences.length;
    int rowSize = nTimesteps * nFeatures;
    float[] x = new float[Math.multiplyExact(n, rowSize)];
    float[] y = new float[x.length];
    for (int i = 0; i < n; i++) {
      int[] sequence = sequences[i];
      if (sequence.length != nTimesteps) {
        throw new IllegalArgumentException("sequence " + i + " has " + sequence.length
            + " steps but nTimesteps = " + nTimesteps);
      }
      for (int t = 0; t < nTimesteps; t++) {
        if (sequence[t] < 0 || sequence[t] >= nFeatures) {
          throw new IllegalArgumentException("value " + sequence[t] + " at step " + t
              + " of sequence " + i + " is outside [0, " + nFeatures + ")");
        }
      }
      OneHot.encodeInto(sequence, nFeatures, x, i * rowSize);
      OneHot.encodeInto(reversed(sequence), nFeatures, y, i * rowSize);
    }
    return Dataset.of(FloatBlock.wrap(x, n, nTimesteps, nFeatures),
        FloatBlock.wrap(y, n, nTimesteps, nFeatures));
  }

  /**
   * A sequence reversed in time, Python's {@code sequence[::-1]}.
   *
   * @param sequence any values
   * @return a new reversed array
   */
  public static int[] reversed(int[] sequence) {
    int[] out = new int[sequence.length];
    for (int i = 0; i < sequence.length; i++) {
      out[i] = sequence[sequence.length - 1 - i];
    }
    return out;
  }

  /**
   * The raw sequences of a one-hot (or probability) block, argmax per step: recovers the
   * integer rows of {@code dataset.x()} or {@code dataset.y()}, or decodes predictions.
   *
   * @param block shape {@code [n, nTimesteps, nFeatures]}
   * @return one array of {@code nTimesteps} values per row
   * @throws IllegalArgumentException if the shape does not match this problem
   */
  public int[][] sequences(FloatBlock block) {
    long[] expected = {block.rows(), nTimesteps, nFeatures};
    if (!Arrays.equals(block.shape(), expected)) {
      throw new IllegalArgumentException("expected shape " + Arrays.toString(expected)
          + " but got " + Arrays.toString(block.shape()));
    }
    int[][] out = new int[block.rows()][];
    int rowSize = block.rowSize();
    for (int i = 0; i < out.length; i++) {
      out[i] = OneHot.argmaxPerStep(block.data(), i * rowSize, nTimesteps, nFeatures);
    }
    return out;
  }

  /**
   * Decodes one sample (the tutorial's {@code one_hot_decode}): the argmax of each step, ties
   * to the lowest index like NumPy.
   *
   * @param probs exactly {@code nTimesteps * nFeatures} values, row-major
   * @return one value per step
   * @throws IllegalArgumentException if the length does not match
   */
  public int[] decode(float[] probs) {
    if (probs.length != nTimesteps * nFeatures) {
      throw new IllegalArgumentException("expected " + nTimesteps + " steps x " + nFeatures
          + " features = " + (nTimesteps * nFeatures) + " values, got " + probs.length);
    }
    return OneHot.argmaxPerStep(probs, 0, nTimesteps, nFeatures);
  }

  /**
   * The tutorial's example line, e.g.
   * {@code Input [2, 6, 6, 8] Expected: [8, 6, 6, 2] Predicted [6, 6, 6, 6] False}.
   *
   * @param input the input sequence
   * @param expected the target sequence
   * @param predicted the predicted sequence
   * @return the line; the last word is {@code True} when prediction equals target
   */
  public static String format(int[] input, int[] expected, int[] predicted) {
    return "Input " + Arrays.toString(input)
        + " Expected: " + Arrays.toString(expected)
        + " Predicted " + Arrays.toString(predicted)
        + " " + (Arrays.equals(expected, predicted) ? "True" : "False");
  }

  /**
   * The tutorial's example line with the target computed as the reversed input.
   *
   * @param input the input sequence
   * @param predicted the predicted sequence
   * @return the line, see {@link #format(int[], int[], int[])}
   */
  public static String format(int[] input, int[] predicted) {
    return format(input, reversed(input), predicted);
  }

  private static void requireSamples(int nSamples) {
    if (nSamples < 1) {
      throw new IllegalArgumentException("nSamples must be >= 1, got " + nSamples);
    }
  }
}
