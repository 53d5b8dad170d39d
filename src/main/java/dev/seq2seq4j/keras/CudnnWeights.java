package dev.seq2seq4j.keras;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.rnn.GRU;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.util.Arrays;
import java.util.List;

/**
 * Weights saved by Keras 2's CuDNNLSTM and CuDNNGRU, converted to those of the LSTM and GRU that
 * compute the same, as Keras 2's legacy loader converted them ({@code _convert_rnn_weights} in
 * {@code saving/legacy/hdf5_format.py}). The source is told, as there, by the shape of the bias:
 *
 * <ul>
 *   <li>each gate's input kernel was handed to cuDNN as a flat buffer read as (units, inputs):
 *       the plain kernel's entry (i, j) is the cuDNN block's flat entry {@code i + j * inputs};
 *   <li>each gate's recurrent kernel is transposed;
 *   <li>CuDNNLSTM keeps an input bias and a recurrent bias per gate ({@code 8 * units}), which
 *       add up to LSTM's one bias;
 *   <li>CuDNNGRU's {@code 6 * units} biases are GRU(reset_after=True)'s two bias rows.
 * </ul>
 *
 * Weights already in the plain layout pass unchanged, so any file may go through here.
 */
final class CudnnWeights {
  private static final int LSTM_GATES = 4;
  private static final int GRU_GATES = 3;

  private CudnnWeights() {}

  /**
   * Converts one unwrapped layer's weights if they are cuDNN's (a {@link
   * WrappedWeights.Conversion}); cuDNN GRU weights meant for a GRU with reset_after=False are a
   * {@link KerasFileException}, as in Keras.
   */
  static List<FloatBlock> toPlain(Layer layer, List<FloatBlock> stored, String file,
      String where) {
    boolean lstm = layer instanceof LSTM;
    if (!(lstm || layer instanceof GRU) || stored.size() != 3) {
      return stored; // no bias, no cuDNN: cuDNN layers always have one
    }
    int gates = lstm ? LSTM_GATES : GRU_GATES;
    long[] kernel = stored.get(0).shape();
    long[] recurrent = stored.get(1).shape();
    long[] bias = stored.get(2).shape();
    if (kernel.length != 2 || recurrent.length != 2 || bias.length != 1
        || bias[0] != 2L * gates * recurrent[0] || kernel[1] != (long) gates * recurrent[0]
        || recurrent[1] != kernel[1]) {
      return stored; // the plain layout, or a mismatch the caller names with the shapes
    }
    if (!lstm && !((GRU) layer).cell().resetAfter()) {
      throw new KerasFileException(file, where, "holds CuDNNGRU weights (two biases per gate), "
          + "which only a GRU with reset_after=True computes, not " + layer.describe());
    }
    FloatBlock k = inputKernel(stored.get(0), gates);
    FloatBlock r = recurrentKernel(stored.get(1), gates);
    FloatBlock b = lstm ? summedHalves(stored.get(2))
        : FloatBlock.wrap(stored.get(2).data(), 2, bias[0] / 2);
    return List.of(k, r, b);
  }

  /** Per gate, the (inputs, units) block read back from cuDNN's (units, inputs) buffer. */
  private static FloatBlock inputKernel(FloatBlock kernel, int gates) {
    int inputs = (int) kernel.shape()[0];
    int width = (int) kernel.shape()[1];
    int units = width / gates;
    float[] src = kernel.data();
    float[] out = new float[src.length];
    for (int g = 0; g < gates; g++) {
      for (int i = 0; i < inputs; i++) {
        for (int j = 0; j < units; j++) {
          int flat = i + j * inputs; // the entry's place in the gate block, row by row
          out[i * width + g * units + j] = src[(flat / units) * width + g * units + flat % units];
        }
      }
    }
    return FloatBlock.wrap(out, kernel.shape().clone());
  }

  /** Per gate, the square (units, units) block transposed. */
  private static FloatBlock recurrentKernel(FloatBlock kernel, int gates) {
    int units = (int) kernel.shape()[0];
    int width = (int) kernel.shape()[1];
    float[] src = kernel.data();
    float[] out = new float[src.length];
    for (int g = 0; g < gates; g++) {
      for (int i = 0; i < units; i++) {
        for (int j = 0; j < units; j++) {
          out[i * width + g * units + j] = src[j * width + g * units + i];
        }
      }
    }
    return FloatBlock.wrap(out, kernel.shape().clone());
  }

  /** CuDNNLSTM's input biases and recurrent biases, added. */
  private static FloatBlock summedHalves(FloatBlock bias) {
    float[] src = bias.data();
    float[] out = Arrays.copyOf(src, src.length / 2);
    for (int i = 0; i < out.length; i++) {
      out[i] += src[out.length + i];
    }
    return FloatBlock.wrap(out, out.length);
  }
}
