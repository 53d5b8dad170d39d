package dev.seq2seq4j.keras;

/**
 * One variable of a layer, with every name it goes by, in the layer's own order (the order Keras
 * stores and loads them by).
 *
 * @param javaPath the weight's path inside the Java layer ({@code cell/kernel}), as in {@link
 *     dev.seq2seq4j.nn.Layer#weightTree()}; also the TF object-graph path below the layer in
 *     Keras 2 checkpoints ({@code layer_with_weights-0/cell/kernel})
 * @param archivePath where a {@code .keras} weights file keeps it, below the layer's own group
 *     ({@code cell/vars/0} inside {@code layers/lstm})
 * @param variablePath the Keras 3 variable path below the layer's name ({@code
 *     lstm_cell/kernel} of {@code lstm/lstm_cell/kernel}), which Keras 3 exports and legacy
 *     {@code .h5} weight names use
 */
public record KerasVariable(String javaPath, String archivePath, String variablePath) {

  /**
   * The same variable seen from a wrapper that holds its layer under {@code attribute}.
   *
   * @param attribute the wrapper's attribute ({@code layer}, {@code forward_layer})
   * @param innerName the wrapped layer's Keras name, which prefixes its variable paths
   * @return the variable with every path prefixed
   */
  public KerasVariable within(String attribute, String innerName) {
    return new KerasVariable(attribute + "/" + javaPath, attribute + "/" + archivePath,
        innerName + "/" + variablePath);
  }
}
