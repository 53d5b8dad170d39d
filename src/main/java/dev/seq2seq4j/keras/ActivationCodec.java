package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Activation;
import java.util.List;

/** Keras {@code Activation(activation)}. */
final class ActivationCodec implements LayerCodec<Activation> {
  @Override
  public String className() {
    return "Activation";
  }

  @Override
  public Class<Activation> layerClass() {
    return Activation.class;
  }

  @Override
  public Activation fromConfig(KerasConfig c, CodecContext ctx) {
    return new Activation(Activations.read(c, "activation", "linear", ctx), c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Activation layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("activation", Activations.write(layer.function(), layer.describe()));
    return c;
  }

  @Override
  public List<KerasVariable> variables(Activation layer) {
    return List.of();
  }
}
