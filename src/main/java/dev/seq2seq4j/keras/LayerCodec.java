package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Layer;
import java.util.List;

/**
 * Everything about one Keras layer class, in one place, as Keras keeps it in the layer ({@code
 * from_config}, {@code get_config}, {@code save_own_variables}): how a config becomes a native
 * layer, how a native layer is written back as a Keras 3 config, and the layer's variables in
 * Keras's order with the name each file format gives them.
 *
 * <p>{@link LayerCodecs} holds one codec per Keras class; a layer with no codec can be neither
 * imported nor exported, and a test fails for every native layer without one.
 *
 * @param <L> the native layer class
 */
public interface LayerCodec<L extends Layer> {
  /**
   * The Keras class name, as {@code class_name} in a config.
   *
   * @return e.g. {@code LSTM}
   */
  String className();

  /**
   * The native layer class this codec reads into and writes from.
   *
   * @return e.g. {@code LSTM.class}
   */
  Class<L> layerClass();

  /**
   * Whether this codec writes this layer, for native classes that stand for several Keras
   * classes (one {@code Merge} for Add, Subtract, ...).
   *
   * @param layer a layer of {@link #layerClass()}
   * @return true by default
   */
  default boolean writes(L layer) {
    return true;
  }

  /**
   * Builds the native layer a Keras config describes, deciding version-dependent maths from
   * {@code ctx.version()}. Options that change the computed function and are not supported are
   * refused by name; options without effect in Java are accepted (and noted where a user would
   * want to know).
   *
   * @param config the layer's {@code config} dictionary
   * @param ctx the Keras version, the registry for nested layers, and the notes
   * @return the layer
   * @throws UnsupportedKerasFeatureException naming the layer and the option
   */
  L fromConfig(KerasConfig config, CodecContext ctx);

  /**
   * Builds the native layer from its config and the first call recorded for it: Keras 3's op
   * nodes ({@code NotEqual}, {@code Any}) keep their constants in the call's arguments. By
   * default the call plays no part.
   *
   * @param config the layer's {@code config} dictionary
   * @param inboundNode the first inbound node, or a missing node
   * @param ctx the Keras version, the registry and the notes
   * @return the layer
   */
  default L fromNode(KerasConfig config, JsonNode inboundNode, CodecContext ctx) {
    return fromConfig(config, ctx);
  }

  /**
   * The Python module a Keras 3 file names for this class.
   *
   * @return {@code keras.layers} for layers
   */
  default String module() {
    return "keras.layers";
  }

  /**
   * The {@code registered_name} Keras 3 writes for this class.
   *
   * @return {@code null} for layers
   */
  default String registeredName() {
    return null;
  }

  /**
   * Appends the non-tensor arguments of a call (an op's constant) after the tensors.
   *
   * @param layer the layer
   * @param args the call's {@code args} list
   */
  default void appendArguments(L layer, ArrayNode args) {}

  /**
   * Writes the layer's Keras 3 {@code config} dictionary (name, trainable, dtype and the
   * options), which Keras's {@code from_config} turns back into the same layer.
   *
   * @param layer the layer (named)
   * @param json creates JSON nodes and nested layer objects
   * @return the config dictionary
   */
  ObjectNode toConfig(L layer, KerasJson json);

  /**
   * The layer's variables in the order Keras stores them ({@code vars/0, 1, ...} of a {@code
   * .keras} file, {@code weight_names} of a legacy {@code .h5}, {@code layer.weights}).
   *
   * @param layer the built layer
   * @return the variables, the same set as the layer's {@link Layer#weightTree()}
   */
  List<KerasVariable> variables(L layer);
}
