package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.norm.LayerNormalization;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code LayerNormalization}: {@code axis} (the last only), {@code epsilon}, {@code
 * center}, {@code scale}; variables gamma, beta. {@code rms_scaling} is refused.
 */
final class LayerNormalizationCodec implements LayerCodec<LayerNormalization> {
  @Override
  public String className() {
    return "LayerNormalization";
  }

  @Override
  public Class<LayerNormalization> layerClass() {
    return LayerNormalization.class;
  }

  @Override
  public LayerNormalization fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "rms_scaling", "RMS scaling");
    Options.noteTrainingOnly(c, ctx, "beta_regularizer", "gamma_regularizer", "beta_constraint",
        "gamma_constraint");
    double epsilon = c.number("epsilon", 1e-3);
    if (!(epsilon > 0)) {
      throw new UnsupportedKerasFeatureException(c.where() + ": epsilon " + epsilon
          + " must be above 0");
    }
    return new LayerNormalization(NormalizationAxis.read(c), epsilon,
        c.bool("center", true), c.bool("scale", true), c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(LayerNormalization layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.putArray("axis").add(layer.axis());
    c.put("epsilon", layer.epsilon());
    c.put("center", layer.center());
    c.put("scale", layer.scale());
    c.put("rms_scaling", false);
    return c;
  }

  @Override
  public List<KerasVariable> variables(LayerNormalization layer) {
    List<KerasVariable> v = new ArrayList<>();
    if (layer.scale()) {
      v.add(new KerasVariable("gamma", "vars/" + v.size(), "gamma"));
    }
    if (layer.center()) {
      v.add(new KerasVariable("beta", "vars/" + v.size(), "beta"));
    }
    return v;
  }
}
