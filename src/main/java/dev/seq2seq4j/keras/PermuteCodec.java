package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Permute;
import java.util.List;

/** Keras {@code Permute(dims)}. */
final class PermuteCodec implements LayerCodec<Permute> {
  @Override
  public String className() {
    return "Permute";
  }

  @Override
  public Class<Permute> layerClass() {
    return Permute.class;
  }

  @Override
  public Permute fromConfig(KerasConfig c, CodecContext ctx) {
    long[] dims = c.longs("dims");
    int[] d = new int[dims.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (int) dims[i];
    }
    try {
      return new Permute(d, c.string("name", null));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": " + e.getMessage());
    }
  }

  @Override
  public ObjectNode toConfig(Permute layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    ArrayNode dims = c.putArray("dims");
    for (int d : layer.dims()) {
      dims.add(d);
    }
    return c;
  }

  @Override
  public List<KerasVariable> variables(Permute layer) {
    return List.of();
  }
}
