package dev.seq2seq4j.nn;

import java.util.Arrays;

/** Keras's default initializers, computed in Java (see {@link Initializer}). */
public final class Initializers {
  private Initializers() {}

  /** All zeros ({@code keras.initializers.Zeros}). */
  public static Initializer zeros() {
    return constant(0f);
  }

  /** Every element equal to {@code value} ({@code keras.initializers.Constant}). */
  public static Initializer constant(float value) {
    return (shape, random) -> {
      float[] v = new float[size(shape)];
      Arrays.fill(v, value);
      return v;
    };
  }

  /**
   * Uniform on {@code [min, max)} ({@code keras.initializers.RandomUniform}; Embedding's
   * default is {@code uniform(-0.05, 0.05)}).
   *
   * @param min the lower bound
   * @param max the upper bound
   * @return the initializer
   */
  public static Initializer uniform(double min, double max) {
    return (shape, random) -> {
      float[] v = new float[size(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (min + (max - min) * random.nextDouble());
      }
      return v;
    };
  }

  /**
   * Glorot (Xavier) uniform: {@code U(-limit, limit)} with {@code limit = sqrt(6 / (fanIn +
   * fanOut))}, where for a 2-D weight fanIn is the number of rows and fanOut the number of columns.
   * For a convolution kernel {@code [k, in, out]} both fans count the window too ({@code k * in}
   * and {@code k * out}), as Keras's {@code compute_fans} does.
   */
  public static Initializer glorotUniform() {
    return (shape, random) -> {
      long receptiveField = shape.length <= 2 ? 1 : size(shape) / shape[shape.length - 1]
          / shape[shape.length - 2];
      long fanOut = shape[shape.length - 1] * receptiveField;
      long fanIn = shape.length == 1 ? fanOut : size(shape) / shape[shape.length - 1];
      double limit = Math.sqrt(6.0 / (fanIn + fanOut));
      float[] v = new float[size(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
      }
      return v;
    };
  }

  /**
   * Keras's orthogonal initializer (gain 1): QR of a standard normal matrix of shape
   * {@code (max(rows, cols), min(rows, cols))}, columns sign-corrected by the diagonal of R, and
   * transposed when the weight has fewer rows than columns (an LSTM's {@code [u, 4u]} recurrent
   * kernel is the transpose of a {@code [4u, u]} matrix with orthonormal columns).
   */
  public static Initializer orthogonal() {
    return (shape, random) -> {
      int cols = (int) shape[shape.length - 1];
      int rows = size(shape) / cols;
      int tall = Math.max(rows, cols);
      int narrow = Math.min(rows, cols);
      double[][] a = new double[tall][narrow];
      for (double[] row : a) {
        for (int j = 0; j < narrow; j++) {
          row[j] = random.nextGaussian();
        }
      }
      double[][] q = orthonormalColumns(a);
      float[] v = new float[rows * cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          v[r * cols + c] = (float) (rows < cols ? q[c][r] : q[r][c]);
        }
      }
      return v;
    };
  }

  /**
   * The Q of a thin QR decomposition with a positive diagonal in R, by modified Gram-Schmidt (the
   * positive diagonal is exactly Keras's sign correction {@code q *= sign(diag(r))}).
   */
  static double[][] orthonormalColumns(double[][] a) {
    int n = a.length;
    int m = a[0].length;
    double[][] q = new double[n][];
    for (int i = 0; i < n; i++) {
      q[i] = a[i].clone();
    }
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[i][k] * q[i][j];
        }
        for (int i = 0; i < n; i++) {
          q[i][j] -= dot * q[i][k];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[i][j] * q[i][j];
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        throw new ArithmeticException("orthogonal initializer drew a rank-deficient matrix");
      }
      for (int i = 0; i < n; i++) {
        q[i][j] /= norm;
      }
    }
    return q;
  }

  /**
   * The LSTM bias with {@code unit_forget_bias=True}: Keras builds it as {@code
   * [init(units), ones(units), init(2 * units)]}, so the forget slice is exactly 1.
   */
  public static Initializer lstmUnitForgetBias(Initializer base, int units) {
    return (shape, random) -> {
      float[] input = base.values(new long[] {units}, random);
      float[] rest = base.values(new long[] {2L * units}, random);
      float[] v = new float[4 * units];
      System.arraycopy(input, 0, v, 0, units);
      Arrays.fill(v, units, 2 * units, 1f);
      System.arraycopy(rest, 0, v, 2 * units, 2 * units);
      return v;
    };
  }

  static int size(long[] shape) {
    return (int) Shapes.size(shape);
  }
}
