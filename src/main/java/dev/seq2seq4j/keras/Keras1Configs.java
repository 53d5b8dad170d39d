package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keras 1 model configs in Keras 2's words, renamed as Keras 2's legacy interfaces ({@code
 * keras/legacy/interfaces.py}) renamed the arguments of Keras 1 layers: {@code output_dim} to
 * {@code units}, {@code inner_activation} to {@code recurrent_activation}, {@code dropout_W} to
 * {@code dropout}, {@code consume_less} to {@code implementation}, {@code bias} to {@code
 * use_bias}, {@code p} to {@code rate}, {@code input_dtype} to {@code dtype}, ...
 *
 * <p>Only the classes below are translated, and every key they carry is either renamed, kept
 * (same meaning in Keras 2), or known to play no part at inference (initialisers, which the
 * file's weights replace). Any other key or class is refused by name, so that no Keras 1 option
 * that changes the maths is silently dropped. Keras 1 writes every argument into its configs; a
 * missing activation takes Keras 1's default ({@code hard_sigmoid} for the recurrent gates).
 */
final class Keras1Configs {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Keys every Keras 1 layer may carry. */
  private static final Set<String> COMMON = Set.of("name", "trainable", "batch_input_shape",
      "input_dtype", "activity_regularizer");

  /** How one Keras 1 class becomes its Keras 2 form. */
  private record Rule(Map<String, String> renamed, Set<String> kept, Map<String, String> defaults) {}

  private static final Map<String, String> RECURRENT_RENAMED = Map.of("output_dim", "units",
      "init", "kernel_initializer", "inner_init", "recurrent_initializer",
      "inner_activation", "recurrent_activation", "W_regularizer", "kernel_regularizer",
      "U_regularizer", "recurrent_regularizer", "b_regularizer", "bias_regularizer",
      "dropout_W", "dropout", "dropout_U", "recurrent_dropout");
  /** consume_less only chose how Keras 1 laid out the same products in memory. */
  private static final Map<String, Integer> IMPLEMENTATION = Map.of("cpu", 0, "mem", 1, "gpu", 2);
  private static final Set<String> RECURRENT_KEPT = Set.of("activation", "return_sequences",
      "go_backwards", "stateful", "unroll", "consume_less", "input_dim", "input_length",
      "forget_bias_init");

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry("LSTM", new Rule(RECURRENT_RENAMED, RECURRENT_KEPT,
          Map.of("activation", "tanh", "inner_activation", "hard_sigmoid"))),
      Map.entry("GRU", new Rule(RECURRENT_RENAMED, RECURRENT_KEPT,
          Map.of("activation", "tanh", "inner_activation", "hard_sigmoid"))),
      Map.entry("SimpleRNN", new Rule(RECURRENT_RENAMED, RECURRENT_KEPT,
          Map.of("activation", "tanh"))),
      Map.entry("Dense", new Rule(Map.of("output_dim", "units", "init", "kernel_initializer",
          "W_regularizer", "kernel_regularizer", "b_regularizer", "bias_regularizer",
          "W_constraint", "kernel_constraint", "b_constraint", "bias_constraint",
          "bias", "use_bias"), Set.of("activation", "input_dim"), Map.of("activation", "linear"))),
      Map.entry("Embedding", new Rule(Map.of("init", "embeddings_initializer",
          "W_regularizer", "embeddings_regularizer", "W_constraint", "embeddings_constraint"),
          Set.of("input_dim", "output_dim", "input_length", "mask_zero", "dropout"), Map.of())),
      Map.entry("Bidirectional", new Rule(Map.of(), Set.of("layer", "merge_mode"), Map.of())),
      Map.entry("TimeDistributed", new Rule(Map.of(), Set.of("layer"), Map.of())),
      Map.entry("Dropout", new Rule(Map.of("p", "rate"), Set.of(), Map.of())),
      Map.entry("Activation", new Rule(Map.of(), Set.of("activation"), Map.of())),
      Map.entry("Flatten", new Rule(Map.of(), Set.of(), Map.of())),
      Map.entry("RepeatVector", new Rule(Map.of(), Set.of("n"), Map.of())),
      Map.entry("Reshape", new Rule(Map.of(), Set.of("target_shape"), Map.of())),
      Map.entry("Permute", new Rule(Map.of(), Set.of("dims"), Map.of())),
      Map.entry("Masking", new Rule(Map.of(), Set.of("mask_value"), Map.of())),
      Map.entry("InputLayer", new Rule(Map.of(), Set.of("sparse"), Map.of())));

  private static final String CONVOLUTION = "Keras 1 convolution kernels are laid out by the "
      + "backend that trained them (Theano flips them), which Keras 1 files do not record";

  /** Keras 1 classes refused with their reason rather than as unknown. */
  private static final Map<String, String> REFUSED = Map.of(
      "Merge", "Keras 1's Merge layer (a merge mode string or a Python function) is not "
          + "supported; rebuild it with Keras 2's Concatenate, Add, Multiply, ... layers",
      "BatchNormalization", "Keras 1's BatchNormalization (its mode option and running "
          + "statistics) is not supported",
      "Convolution1D", CONVOLUTION,
      "Convolution2D", CONVOLUTION,
      "AtrousConvolution1D", CONVOLUTION);

  private Keras1Configs() {}

  /**
   * Translates a Keras 1 model config ({@code {"class_name": "Sequential", "config": [layers]}}
   * or a {@code Model} with {@code layers}, {@code input_layers} and {@code output_layers}) into
   * the Keras 2 form the codecs read.
   *
   * @param model the Keras 1 model config
   * @param ctx where notes go
   * @return a translated copy
   * @throws UnsupportedKerasFeatureException naming a layer and the class or key refused
   */
  static JsonNode upgrade(JsonNode model, CodecContext ctx) {
    ObjectNode out = model.deepCopy();
    JsonNode cfg = out.path("config");
    ArrayNode layers = cfg.isArray() ? (ArrayNode) cfg
        : cfg.path("layers").isArray() ? (ArrayNode) cfg.path("layers") : null;
    if (layers == null) {
      return out; // KerasTopology names what is missing
    }
    boolean sequential = out.path("class_name").asText("").equals("Sequential");
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).isObject()) {
        upgradeLayer((ObjectNode) layers.get(i), sequential && i == 0, ctx);
      }
    }
    return out;
  }

  /** Rewrites one layer object in place ({@code class_name} and {@code config}). */
  private static void upgradeLayer(ObjectNode layer, boolean first, CodecContext ctx) {
    String cls = layer.path("class_name").asText("");
    JsonNode config = layer.path("config");
    String where = "Keras 1 " + cls + " '" + config.path("name").asText(
        layer.path("name").asText("")) + "'";
    if (REFUSED.containsKey(cls)) {
      throw new UnsupportedKerasFeatureException(where + ": " + REFUSED.get(cls));
    }
    Rule rule = RULES.get(cls);
    if (rule == null) {
      throw new UnsupportedKerasFeatureException(where + " is not supported; Keras 1 layers read: "
          + String.join(", ", new TreeSet<>(RULES.keySet())));
    }
    if (!config.isObject()) {
      return; // the codec names the missing config
    }
    layer.set("config", translate((ObjectNode) config, cls, rule, first, where, ctx));
  }

  private static ObjectNode translate(ObjectNode c, String cls, Rule rule, boolean first,
      String where, CodecContext ctx) {
    ObjectNode out = JSON.objectNode();
    for (Map.Entry<String, String> d : rule.defaults().entrySet()) {
      if (!c.hasNonNull(d.getKey())) {
        c.put(d.getKey(), d.getValue());
      }
    }
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (rule.renamed().containsKey(key)) {
        out.set(rule.renamed().get(key), v);
      } else if (key.equals("input_dtype")) {
        out.set("dtype", v);
      } else if (COMMON.contains(key) || rule.kept().contains(key)) {
        out.set(key, v);
      } else {
        throw new UnsupportedKerasFeatureException(where + " has the option '" + key + "' ("
            + v + "), which seq2seq4j does not know in Keras 1 configs");
      }
    }
    if (cls.equals("InputLayer") && out.path("sparse").asBoolean(false)) {
      throw new UnsupportedKerasFeatureException(where + " takes sparse inputs, which are not "
          + "supported");
    }
    if (cls.equals("Embedding")) {
      if (out.path("dropout").asDouble(0) != 0) {
        ctx.note(where + ": Keras 1's Embedding dropout only acts in Keras training and is not "
            + "applied in Java (Keras 2 dropped it too)");
      }
      out.remove("dropout");
    }
    out.remove("sparse");
    if (cls.equals("LSTM") || cls.equals("GRU") || cls.equals("SimpleRNN")) {
      recurrent(out, where);
    }
    if (out.has("layer")) {
      JsonNode inner = out.get("layer");
      if (inner.isObject()) {
        ObjectNode copy = inner.deepCopy();
        upgradeLayer(copy, false, ctx);
        out.set("layer", copy);
      }
    }
    if (first && !out.hasNonNull("batch_input_shape")) {
      impliedInputShape(cls, out);
    }
    if (!cls.equals("Embedding")) {
      // Only a model's first layer reads them, as its input shape (done above).
      out.remove(List.of("input_dim", "input_length"));
    }
    return out;
  }

  /** consume_less becomes implementation; forget_bias_init only set the initial bias. */
  private static void recurrent(ObjectNode out, String where) {
    JsonNode consume = out.remove("consume_less");
    if (consume != null && !consume.isNull()) {
      Integer implementation = IMPLEMENTATION.get(consume.asText());
      if (implementation == null) {
        throw new UnsupportedKerasFeatureException(where + " has consume_less '"
            + consume.asText() + "'; Keras 1 knew cpu, mem and gpu");
      }
      out.put("implementation", implementation);
    }
    JsonNode forget = out.remove("forget_bias_init");
    if (forget != null) {
      out.put("unit_forget_bias", forget.asText("").equals("one"));
    }
  }

  /**
   * Keras 1 gave a first layer its input shape as {@code input_dim} (and {@code input_length});
   * Keras 2 turned them into {@code input_shape}, which is {@code batch_input_shape} without the
   * batch.
   */
  private static void impliedInputShape(String cls, ObjectNode out) {
    JsonNode dim = out.get("input_dim");
    JsonNode length = out.get("input_length");
    ArrayNode shape = JSON.arrayNode().addNull();
    if (cls.equals("Embedding")) {
      shape.add(length == null ? JSON.nullNode() : length);
    } else if (dim != null && !dim.isNull()) {
      if (!cls.equals("Dense")) {
        shape.add(length == null ? JSON.nullNode() : length);
      }
      shape.add(dim);
    } else {
      return;
    }
    out.set("batch_input_shape", shape);
  }
}
