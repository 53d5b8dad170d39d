package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Masking;
import java.util.List;

/** Keras {@code Masking}: {@code mask_value} (default 0). */
final class MaskingCodec implements LayerCodec<Masking> {
  @Override
  public String className() {
    return "Masking";
  }

  @Override
  public Class<Masking> layerClass() {
    return Masking.class;
  }

  @Override
  public Masking fromConfig(KerasConfig c, CodecContext ctx) {
    double value = c.number("mask_value", 0);
    if (Double.isNaN(value)) {
      throw new UnsupportedKerasFeatureException(c.where() + ": mask_value NaN never matches");
    }
    return new Masking((float) value, c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Masking layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("mask_value", (double) layer.maskValue());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Masking layer) {
    return List.of();
  }
}
