package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Reshape;
import java.util.List;

/** Keras {@code Reshape(target_shape)}, with at most one {@code -1} size. */
final class ReshapeCodec implements LayerCodec<Reshape> {
  @Override
  public String className() {
    return "Reshape";
  }

  @Override
  public Class<Reshape> layerClass() {
    return Reshape.class;
  }

  @Override
  public Reshape fromConfig(KerasConfig c, CodecContext ctx) {
    try {
      return new Reshape(c.string("name", null), c.longs("target_shape"));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": " + e.getMessage());
    }
  }

  @Override
  public ObjectNode toConfig(Reshape layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    ArrayNode t = c.putArray("target_shape");
    for (long d : layer.targetShape()) {
      t.add(d);
    }
    return c;
  }

  @Override
  public List<KerasVariable> variables(Reshape layer) {
    return List.of();
  }
}
