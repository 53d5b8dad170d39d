package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.AdditiveAttention;
import java.util.List;

/** Keras {@code AdditiveAttention}: {@code use_scale} (default true), {@code dropout}. */
final class AdditiveAttentionCodec implements LayerCodec<AdditiveAttention> {
  @Override
  public String className() {
    return "AdditiveAttention";
  }

  @Override
  public Class<AdditiveAttention> layerClass() {
    return AdditiveAttention.class;
  }

  @Override
  public AdditiveAttention fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "causal", "a causal mask");
    return new AdditiveAttention(c.string("name", null), c.bool("use_scale", true),
        (float) AttentionRates.dropout(c));
  }

  @Override
  public ObjectNode toConfig(AdditiveAttention layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("use_scale", layer.useScale());
    c.put("dropout", layer.dropout());
    return c;
  }

  @Override
  public List<KerasVariable> variables(AdditiveAttention layer) {
    return layer.useScale() ? List.of(new KerasVariable("scale", "vars/0", "scale")) : List.of();
  }
}
