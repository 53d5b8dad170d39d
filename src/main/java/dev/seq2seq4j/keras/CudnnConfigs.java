package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Keras 2's CuDNNLSTM and CuDNNGRU configs, read as the plain layers that compute the same:
 * cuDNN's LSTM and GRU use tanh and sigmoid, always have biases, and its GRU applies the reset
 * gate after the recurrent kernel (Keras's {@code reset_after=True}). This is the way Keras 2
 * itself offered to run such a model without a GPU (rebuild it with LSTM or GRU and load the
 * weights, which its loader converts); {@link CudnnWeights} converts them here. Every other
 * option of a cuDNN config (units, return_sequences, go_backwards, stateful, ...) means what it
 * means for the plain layer, whose codec reads or refuses it.
 */
final class CudnnConfigs {
  /** The plain class and the options that make it compute what the cuDNN layer computes. */
  private record Plain(String className, Map<String, Object> options) {}

  private static final Map<String, Plain> PLAIN = Map.of(
      "CuDNNLSTM", new Plain("LSTM", Map.of("activation", "tanh",
          "recurrent_activation", "sigmoid", "use_bias", true)),
      "CuDNNGRU", new Plain("GRU", Map.of("activation", "tanh",
          "recurrent_activation", "sigmoid", "use_bias", true, "reset_after", true)));

  private CudnnConfigs() {}

  /**
   * Replaces every cuDNN layer of a model config, wrapped or not, by its plain layer.
   *
   * @param model the model config
   * @param ctx where a note goes for each layer replaced
   * @return a copy, changed where it held cuDNN layers
   */
  static JsonNode asPlainLayers(JsonNode model, CodecContext ctx) {
    JsonNode out = model.deepCopy();
    // Iterative, not recursive: the JSON parser bounds the depth, but this needs no stack.
    ArrayDeque<JsonNode> pending = new ArrayDeque<>();
    pending.push(out);
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      Plain plain = PLAIN.get(node.path("class_name").asText(""));
      if (plain != null && node.path("config").isObject()) {
        replace((ObjectNode) node, plain, ctx);
      }
      if (node.isContainerNode()) {
        node.elements().forEachRemaining(pending::push);
      }
    }
    return out;
  }

  private static void replace(ObjectNode layer, Plain plain, CodecContext ctx) {
    String cls = layer.path("class_name").asText();
    ObjectNode config = (ObjectNode) layer.get("config");
    layer.put("class_name", plain.className());
    plain.options().forEach((key, value) -> config.set(key,
        value instanceof Boolean b ? config.booleanNode(b) : config.textNode((String) value)));
    ctx.note(cls + " '" + config.path("name").asText("") + "' is read as "
        + plain.className() + plain.options() + ", which computes the same, with its cuDNN "
        + "weights converted as Keras 2's loader converted them");
  }
}
