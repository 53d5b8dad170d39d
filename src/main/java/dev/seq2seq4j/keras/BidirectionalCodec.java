package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.rnn.Bidirectional;
import dev.seq2seq4j.nn.rnn.Rnn;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code Bidirectional}: {@code layer} (the forward layer's config), {@code
 * backward_layer} (Keras 3 always writes it; Keras 2 only when given), {@code merge_mode}.
 * Variables: the forward layer's under {@code forward_layer/}, then the backward layer's under
 * {@code backward_layer/}.
 */
final class BidirectionalCodec implements LayerCodec<Bidirectional> {
  @Override
  public String className() {
    return "Bidirectional";
  }

  @Override
  public Class<Bidirectional> layerClass() {
    return Bidirectional.class;
  }

  @Override
  public Bidirectional fromConfig(KerasConfig c, CodecContext ctx) {
    Rnn forward = recurrent(ctx.nested(c.object("layer")), c);
    JsonNode back = c.raw("backward_layer");
    Rnn backward = back == null || back.isNull() ? null : recurrent(ctx.nested(back), c);
    Bidirectional.MergeMode mode;
    try {
      mode = Bidirectional.MergeMode.byKerasName(c.string("merge_mode", null));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": " + e.getMessage());
    }
    try {
      return new Bidirectional(forward, mode, backward, c.string("name", null));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": " + e.getMessage());
    }
  }

  private static Rnn recurrent(Layer layer, KerasConfig c) {
    if (!(layer instanceof Rnn r)) {
      throw new UnsupportedKerasFeatureException(c.where() + " wraps " + layer.describe()
          + ", which is not a recurrent layer");
    }
    return r;
  }

  @Override
  public ObjectNode toConfig(Bidirectional layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    String mode = layer.mergeMode().kerasName();
    if (mode == null) {
      c.putNull("merge_mode");
    } else {
      c.put("merge_mode", mode);
    }
    c.set("layer", json.nested(layer.forwardLayer()));
    c.set("backward_layer", json.nested(layer.backwardLayer()));
    return c;
  }

  @Override
  public List<KerasVariable> variables(Bidirectional layer) {
    List<KerasVariable> out = new ArrayList<>();
    for (KerasVariable v : LayerCodecs.standard().variables(layer.forwardLayer())) {
      out.add(v.within("forward_layer", layer.forwardLayer().name()));
    }
    for (KerasVariable v : LayerCodecs.standard().variables(layer.backwardLayer())) {
      out.add(v.within("backward_layer", layer.backwardLayer().name()));
    }
    return out;
  }
}
