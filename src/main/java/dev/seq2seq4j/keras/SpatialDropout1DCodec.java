package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.SpatialDropout1D;
import java.util.List;

/**
 * Keras {@code SpatialDropout1D}: {@code rate}; drops whole features in Java training too, the
 * identity at inference.
 */
final class SpatialDropout1DCodec implements LayerCodec<SpatialDropout1D> {
  @Override
  public String className() {
    return "SpatialDropout1D";
  }

  @Override
  public Class<SpatialDropout1D> layerClass() {
    return SpatialDropout1D.class;
  }

  @Override
  public SpatialDropout1D fromConfig(KerasConfig c, CodecContext ctx) {
    double rate = c.number("rate", 0);
    if (!(rate >= 0 && rate < 1)) {
      throw new UnsupportedKerasFeatureException(
          c.where() + ": rate " + rate + " is outside [0, 1)");
    }
    return new SpatialDropout1D((float) rate, c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(SpatialDropout1D layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("rate", layer.rate());
    c.putNull("seed");
    return c;
  }

  @Override
  public List<KerasVariable> variables(SpatialDropout1D layer) {
    return List.of();
  }
}
