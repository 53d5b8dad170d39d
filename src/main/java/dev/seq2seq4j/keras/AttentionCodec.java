package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Attention;
import java.util.List;

/** Keras {@code Attention} (Luong dot-product) without scale, score options or dropout. */
final class AttentionCodec implements LayerCodec<Attention> {
  @Override
  public String className() {
    return "Attention";
  }

  @Override
  public Class<Attention> layerClass() {
    return Attention.class;
  }

  @Override
  public Attention fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "use_scale", "a learned score scale");
    Options.refuse(c, "causal", "a causal mask");
    Options.refuse(c, "dropout", "dropout on the attention weights");
    String mode = c.string("score_mode", "dot");
    if (!mode.equals("dot")) {
      throw new UnsupportedKerasFeatureException(c.where() + ": score_mode '" + mode
          + "' is not supported (only dot)");
    }
    return new Attention(c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Attention layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("use_scale", false);
    c.put("score_mode", "dot");
    c.put("dropout", 0.0);
    return c;
  }

  @Override
  public List<KerasVariable> variables(Attention layer) {
    return List.of();
  }
}
