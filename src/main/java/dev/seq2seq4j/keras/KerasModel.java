package dev.seq2seq4j.keras;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import java.util.List;

/**
 * A Keras model config rebuilt natively.
 *
 * @param model the native model
 * @param version the Keras version the config came from
 * @param layers the model's layers in the config's order (Keras's {@code model.layers}: for a
 *     Functional model with its InputLayers, for a Sequential one without), which is the order
 *     Keras stores their weights in
 * @param notes what was accepted without effect, for the user
 */
public record KerasModel(Model model, KerasVersion version, List<Layer> layers, List<String> notes) {

  /**
   * Where each weight of the model lives in every Keras file format.
   *
   * @return the layout, for the config's layer order
   */
  public KerasLayout layout() {
    return KerasLayout.of(model, layers);
  }
}
