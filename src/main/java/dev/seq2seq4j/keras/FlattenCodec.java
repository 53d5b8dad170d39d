package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Flatten;
import java.util.List;

/** Keras {@code Flatten} (channels_last: row-major order). */
final class FlattenCodec implements LayerCodec<Flatten> {
  @Override
  public String className() {
    return "Flatten";
  }

  @Override
  public Class<Flatten> layerClass() {
    return Flatten.class;
  }

  @Override
  public Flatten fromConfig(KerasConfig c, CodecContext ctx) {
    String format = c.string("data_format", "channels_last");
    if (!format.equals("channels_last")) {
      throw new UnsupportedKerasFeatureException(c.where() + ": data_format '" + format
          + "' is not supported (only channels_last)");
    }
    return new Flatten(c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Flatten layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("data_format", "channels_last");
    return c;
  }

  @Override
  public List<KerasVariable> variables(Flatten layer) {
    return List.of();
  }
}
