package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.TimeDistributed;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code TimeDistributed(layer)}: the wrapped layer is the child {@code layer}, so its
 * variables sit under {@code layer/} in a {@code .keras} file and under the wrapped layer's own
 * name in variable paths ({@code time_distributed/dense/kernel}).
 */
final class TimeDistributedCodec implements LayerCodec<TimeDistributed> {
  @Override
  public String className() {
    return "TimeDistributed";
  }

  @Override
  public Class<TimeDistributed> layerClass() {
    return TimeDistributed.class;
  }

  @Override
  public TimeDistributed fromConfig(KerasConfig c, CodecContext ctx) {
    Layer inner = ctx.nested(c.object("layer"));
    try {
      return new TimeDistributed(inner, c.string("name", null));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": " + e.getMessage());
    }
  }

  @Override
  public ObjectNode toConfig(TimeDistributed layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.set("layer", json.nested(layer.inner()));
    return c;
  }

  @Override
  public List<KerasVariable> variables(TimeDistributed layer) {
    Layer inner = layer.inner();
    String innerName = inner.name() == null ? inner.defaultNamePrefix() : inner.name();
    List<KerasVariable> out = new ArrayList<>();
    for (KerasVariable v : LayerCodecs.standard().variables(inner)) {
      out.add(v.within("layer", innerName));
    }
    return out;
  }
}
