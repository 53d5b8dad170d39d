package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.InputLayer;
import java.util.List;

/**
 * Keras {@code InputLayer}: {@code batch_shape} (Keras 3) or {@code batch_input_shape} (Keras
 * 2) and {@code dtype}. Sizes the config leaves open ({@code None} timesteps) come from the
 * shapes the caller supplies ({@link CodecContext#inputShape}), since static unrolling needs
 * every size.
 */
final class InputLayerCodec implements LayerCodec<InputLayer> {
  @Override
  public String className() {
    return "InputLayer";
  }

  @Override
  public Class<InputLayer> layerClass() {
    return InputLayer.class;
  }

  @Override
  public InputLayer fromConfig(KerasConfig c, CodecContext ctx) {
    String name = c.string("name", "input");
    String key = c.has("batch_shape") ? "batch_shape" : "batch_input_shape";
    if (!c.has(key)) {
      throw new UnsupportedKerasFeatureException("InputLayer '" + name + "' has no batch_shape");
    }
    long[] batchShape = c.longs(key);
    if (batchShape.length < 2) {
      throw new UnsupportedKerasFeatureException("InputLayer '" + name + "' has shape "
          + java.util.Arrays.toString(batchShape) + "; seq2seq4j needs at least one sample axis");
    }
    if (c.bool("sparse", false) || c.bool("ragged", false)) {
      throw new UnsupportedKerasFeatureException(
          "InputLayer '" + name + "' is sparse or ragged, which is not supported");
    }
    DType dtype;
    try {
      dtype = DType.byKerasName(dtypeName(c));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException("InputLayer '" + name + "': " + e.getMessage());
    }
    long[] shape = ctx.inputShape(name, java.util.Arrays.copyOfRange(batchShape, 1, batchShape.length));
    return (InputLayer) InputLayer.input(name, dtype, shape).producer().layer();
  }

  /** Keras 3 writes the dtype as a string; Keras 3.4+ may nest it in a policy object. */
  private static String dtypeName(KerasConfig c) {
    var raw = c.raw("dtype");
    if (raw != null && raw.isObject()) {
      return raw.path("config").path("name").asText("float32");
    }
    return c.string("dtype", "float32");
  }

  @Override
  public ObjectNode toConfig(InputLayer layer, KerasJson json) {
    ObjectNode c = json.object();
    ArrayNode shape = c.putArray("batch_shape");
    shape.addNull();
    for (long d : layer.shape()) {
      shape.add(d);
    }
    c.put("dtype", layer.dtype().kerasName());
    c.put("sparse", false);
    c.put("name", layer.name());
    return c;
  }

  @Override
  public List<KerasVariable> variables(InputLayer layer) {
    return List.of();
  }
}
