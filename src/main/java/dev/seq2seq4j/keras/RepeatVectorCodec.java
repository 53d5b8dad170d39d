package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.RepeatVector;
import java.util.List;

/** Keras {@code RepeatVector(n)}. */
final class RepeatVectorCodec implements LayerCodec<RepeatVector> {
  @Override
  public String className() {
    return "RepeatVector";
  }

  @Override
  public Class<RepeatVector> layerClass() {
    return RepeatVector.class;
  }

  @Override
  public RepeatVector fromConfig(KerasConfig c, CodecContext ctx) {
    return new RepeatVector(c.integer("n", 1, Options.MAX_STEPS), c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(RepeatVector layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("n", layer.n());
    return c;
  }

  @Override
  public List<KerasVariable> variables(RepeatVector layer) {
    return List.of();
  }
}
