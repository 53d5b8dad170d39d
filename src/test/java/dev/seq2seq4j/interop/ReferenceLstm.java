package dev.seq2seq4j.interop;

/**
 * A plain-Java implementation of Keras's LSTM and Dense(softmax) maths, written straight from the
 * equations (z = x K + h R + b; gates i, f, c, o; c' = f c + i tanh(z_c); h' = o tanh(c')), as an
 * independent reference for native rebuilds. It computes in float64, or rounds every
 * intermediate to float32 as a float32 framework (Keras, TensorFlow) does.
 */
final class ReferenceLstm {
  private ReferenceLstm() {}

  /** Whether intermediates are rounded to float32. */
  static boolean float32 = false;

  private static double r(double v) {
    return float32 ? (float) v : v;
  }

  /** Result of running one sequence: every step's h, and the final h and c. */
  record Run(double[][] hs, double[] h, double[] c) {}

  static Run run(float[] x, int steps, int in, float[] kernel, float[] recurrent, float[] bias,
      double[] h0, double[] c0) {
    int u = bias.length / 4;
    double[] h = h0 == null ? new double[u] : h0.clone();
    double[] c = c0 == null ? new double[u] : c0.clone();
    double[][] hs = new double[steps][];
    for (int t = 0; t < steps; t++) {
      double[] z = new double[4 * u];
      for (int j = 0; j < 4 * u; j++) {
        double s = bias[j];
        for (int k = 0; k < in; k++) {
          s = r(s + r(x[t * in + k] * (double) kernel[k * 4 * u + j]));
        }
        for (int k = 0; k < u; k++) {
          s = r(s + r(h[k] * recurrent[k * 4 * u + j]));
        }
        z[j] = s;
      }
      double[] nh = new double[u];
      double[] nc = new double[u];
      for (int j = 0; j < u; j++) {
        double i = r(sigmoid(z[j]));
        double f = r(sigmoid(z[u + j]));
        double g = r(Math.tanh(z[2 * u + j]));
        double o = r(sigmoid(z[3 * u + j]));
        nc[j] = r(r(f * c[j]) + r(i * g));
        nh[j] = r(o * r(Math.tanh(nc[j])));
      }
      h = nh;
      c = nc;
      hs[t] = h;
    }
    return new Run(hs, h, c);
  }

  static double[] denseSoftmax(double[] x, float[] kernel, float[] bias) {
    int out = bias.length;
    double[] z = new double[out];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < out; j++) {
      double s = bias[j];
      for (int k = 0; k < x.length; k++) {
        s = r(s + r(x[k] * kernel[k * out + j]));
      }
      z[j] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int j = 0; j < out; j++) {
      z[j] = r(Math.exp(z[j] - max));
      sum = r(sum + z[j]);
    }
    for (int j = 0; j < out; j++) {
      z[j] = r(z[j] / sum);
    }
    return z;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
