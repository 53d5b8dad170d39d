package dev.seq2seq4j.keras;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.rnn.GRU;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A layer's weights as a Keras 1 file stores them, in the fused Keras 2 layout the codecs
 * declare, converted as Keras 2's legacy loader converted them ({@code
 * preprocess_weights_for_loading} in {@code keras/engine/saving.py}), by position:
 *
 * <ul>
 *   <li>LSTM: Keras 1 keeps twelve per-gate weights in the order {@code W_i, U_i, b_i, W_c, U_c,
 *       b_c, W_f, U_f, b_f, W_o, U_o, b_o}; Keras 2 concatenates the kernels, recurrent kernels
 *       and biases along their last axis in its gate order i, f, c, o;
 *   <li>GRU: nine weights {@code W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h}, concatenated in
 *       that (Keras 2's) gate order z, r, h;
 *   <li>Bidirectional and TimeDistributed: as the layers they wrap ({@link WrappedWeights}).
 * </ul>
 *
 * Everything else (Dense's {@code W, b}, Embedding's {@code W}, SimpleRNN's {@code W, U, b}, and
 * recurrent layers saved with {@code consume_less='gpu'}, which already stored three fused
 * weights in Keras 2's order) is stored as Keras 2 stores it.
 */
final class Keras1Weights {
  private static final int LSTM_PER_GATE = 12;
  private static final int GRU_PER_GATE = 9;
  /** Keras 1's LSTM file order is i, c, f, o: Keras 2's gate i, f, c, o comes from these. */
  private static final int[] LSTM_GATES = {0, 2, 1, 3};
  private static final int[] GRU_GATES = {0, 1, 2};

  private Keras1Weights() {}

  /**
   * Fuses the per-gate weights of one unwrapped layer (a {@link WrappedWeights.Conversion}); any
   * other layer's weights pass as they are.
   */
  static List<FloatBlock> toKeras2(Layer layer, List<FloatBlock> stored, String file,
      String where) {
    if (layer instanceof LSTM && stored.size() == LSTM_PER_GATE) {
      return fuse(stored, LSTM_GATES, file, where);
    }
    if (layer instanceof GRU && stored.size() == GRU_PER_GATE) {
      return fuse(stored, GRU_GATES, file, where);
    }
    return stored;
  }

  /**
   * Per gate, Keras 1 stores (input kernel, recurrent kernel, bias); the fused kernel is the
   * gates' input kernels side by side in Keras 2's gate order, and so on.
   */
  private static List<FloatBlock> fuse(List<FloatBlock> stored, int[] gateOrder, String file,
      String where) {
    List<FloatBlock> out = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      List<FloatBlock> pieces = new ArrayList<>();
      for (int gate : gateOrder) {
        pieces.add(stored.get(3 * gate + part));
      }
      out.add(concatLastAxis(pieces, file, where));
    }
    return out;
  }

  private static FloatBlock concatLastAxis(List<FloatBlock> pieces, String file, String where) {
    long[] first = pieces.get(0).shape();
    long rows = 1;
    for (int i = 0; i < first.length - 1; i++) {
      rows *= first[i];
    }
    long total = 0;
    for (FloatBlock p : pieces) {
      long[] s = p.shape();
      if (s.length != first.length || s.length == 0
          || !Arrays.equals(Arrays.copyOf(s, s.length - 1), Arrays.copyOf(first, first.length - 1))) {
        throw new KerasFileException(file, where, "holds per-gate weights of shapes "
            + Arrays.toString(first) + " and " + Arrays.toString(s) + ", which do not fit together");
      }
      total += s[s.length - 1];
    }
    long[] shape = first.clone();
    shape[shape.length - 1] = total;
    float[] data = new float[(int) FloatBlock.checkedSize(shape)];
    long offset = 0;
    for (FloatBlock p : pieces) {
      int width = (int) p.shape()[p.shape().length - 1];
      float[] src = p.data();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, r * width, data, (int) (r * total + offset), width);
      }
      offset += width;
    }
    return FloatBlock.wrap(data, shape);
  }
}
