package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Concatenate;
import java.util.List;

/** Keras {@code Concatenate(axis)}. */
final class ConcatenateCodec implements LayerCodec<Concatenate> {
  @Override
  public String className() {
    return "Concatenate";
  }

  @Override
  public Class<Concatenate> layerClass() {
    return Concatenate.class;
  }

  @Override
  public Concatenate fromConfig(KerasConfig c, CodecContext ctx) {
    int axis = c.integer("axis", -1, -64, 64);
    if (axis == 0) {
      throw new UnsupportedKerasFeatureException(c.where() + " joins along the batch axis 0");
    }
    return new Concatenate(axis, c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Concatenate layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("axis", layer.axis());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Concatenate layer) {
    return List.of();
  }
}
