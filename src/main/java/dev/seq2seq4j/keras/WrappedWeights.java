package dev.seq2seq4j.keras;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.Bidirectional;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a per-layer weight conversion through the wrappers that hold no weights of their own,
 * as Keras 2's legacy loader did ({@code preprocess_weights_for_loading}): a Bidirectional
 * layer's stored weights are its forward layer's, then its backward layer's, in two halves; a
 * TimeDistributed layer's are its inner layer's.
 */
final class WrappedWeights {
  /** A conversion of one unwrapped layer's stored weights. */
  @FunctionalInterface
  interface Conversion {
    /**
     * Converts the weights of a layer that is not a wrapper.
     *
     * @param layer the native layer the weights are for
     * @param stored its weights as the file stores them
     * @param file the file, for messages
     * @param where the layer's group in the file, for messages
     * @return the weights as the layer's codec declares them
     */
    List<FloatBlock> convert(Layer layer, List<FloatBlock> stored, String file, String where);
  }

  private WrappedWeights() {}

  /**
   * Applies a conversion to a layer's weights, through any wrappers.
   *
   * @param layer the native layer the weights are for
   * @param stored the weights in {@code weight_names} order
   * @param file the file, for messages
   * @param where the layer's group in the file, for messages
   * @param conversion what to do to each unwrapped layer's weights
   * @return the converted weights, in the same order of layers
   * @throws KerasFileException if a Bidirectional layer holds an odd number of weights
   */
  static List<FloatBlock> convert(Layer layer, List<FloatBlock> stored, String file,
      String where, Conversion conversion) {
    if (layer instanceof Bidirectional b) {
      if (stored.size() % 2 != 0) {
        throw new KerasFileException(file, where, "holds " + stored.size() + " weights, which "
            + "do not split into a forward and a backward layer");
      }
      int half = stored.size() / 2;
      List<FloatBlock> out = new ArrayList<>(convert(b.forwardLayer(),
          stored.subList(0, half), file, where, conversion));
      out.addAll(convert(b.backwardLayer(), stored.subList(half, stored.size()), file, where,
          conversion));
      return out;
    }
    if (layer instanceof TimeDistributed t) {
      return convert(t.inner(), stored, file, where, conversion);
    }
    return conversion.convert(layer, stored, file, where);
  }
}
