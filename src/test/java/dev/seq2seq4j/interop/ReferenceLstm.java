package dev.seq2seq4j.interop;

/**
 * A plain-Java implementation of Keras's LSTM and Dense(softmax) maths, written straight from the
 * equations (z = x K + h R + b; gates i, f, c, o; c' = f c + i tanh(z_c); h' = o tanh(c')), as an
 * independent reference for native rebuilds. It computes in float64 from the float32 weights.
 */
final class ReferenceLstm {
  private ReferenceLstm() {}

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
          s += x[t * in + k] * (double) kernel[k * 4 * u + j];
        }
        for (int k = 0; k < u; k++) {
          s += h[k] * recurrent[k * 4 * u + j];
        }
        z[j] = s;
      }
      double[] nh = new double[u];
      double[] nc = new double[u];
      for (int j = 0; j < u; j++) {
        double i = sigmoid(z[j]);
        double f = sigmoid(z[u + j]);
        double g = Math.tanh(z[2 * u + j]);
        double o = sigmoid(z[3 * u + j]);
        nc[j] = f * c[j] + i * g;
        nh[j] = o * Math.tanh(nc[j]);
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
        s += x[k] * kernel[k * out + j];
      }
      z[j] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int j = 0; j < out; j++) {
      z[j] = Math.exp(z[j] - max);
      sum += z[j];
    }
    for (int j = 0; j < out; j++) {
      z[j] /= sum;
    }
    return z;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
