package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Dropout;
import java.util.List;

/** Keras {@code Dropout}: {@code rate}; drops in Java training too, identity at inference. */
final class DropoutCodec implements LayerCodec<Dropout> {
  @Override
  public String className() {
    return "Dropout";
  }

  @Override
  public Class<Dropout> layerClass() {
    return Dropout.class;
  }

  @Override
  public Dropout fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "noise_shape", "a dropout mask shared along some axes");
    double rate = c.number("rate", 0);
    if (!(rate >= 0 && rate < 1)) {
      throw new UnsupportedKerasFeatureException(c.where() + ": rate " + rate + " is outside [0, 1)");
    }
    return new Dropout((float) rate, c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Dropout layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("rate", layer.rate());
    c.putNull("seed");
    c.putNull("noise_shape");
    return c;
  }

  @Override
  public List<KerasVariable> variables(Dropout layer) {
    return List.of();
  }
}
