package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Attention;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras {@code Attention}: {@code use_scale}, {@code score_mode} (dot, concat), {@code
 * dropout}; Keras 2's {@code causal=True} (a causal mask) is refused. Variables {@code scale}
 * and {@code concat_score_weight}, both scalars.
 */
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
    Options.refuse(c, "causal", "a causal mask");
    Attention.ScoreMode mode;
    String m = c.string("score_mode", "dot");
    try {
      mode = Attention.ScoreMode.valueOf(m.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": score_mode '" + m
          + "' is not supported (dot or concat)");
    }
    return new Attention(c.string("name", null), c.bool("use_scale", false), mode,
        (float) AttentionRates.dropout(c));
  }

  @Override
  public ObjectNode toConfig(Attention layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("use_scale", layer.useScale());
    c.put("score_mode", layer.scoreMode().name().toLowerCase(Locale.ROOT));
    c.put("dropout", layer.dropout());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Attention layer) {
    List<KerasVariable> v = new ArrayList<>();
    int i = 0;
    if (layer.useScale()) {
      v.add(new KerasVariable("scale", "vars/" + i++, "scale"));
    }
    if (layer.scoreMode() == Attention.ScoreMode.CONCAT) {
      v.add(new KerasVariable("concat_score_weight", "vars/" + i, "concat_score_weight"));
    }
    return v;
  }
}
