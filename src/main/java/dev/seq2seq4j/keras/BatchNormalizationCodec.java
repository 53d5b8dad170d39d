package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.norm.BatchNormalization;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code BatchNormalization}: {@code axis} (the last only), {@code momentum}, {@code
 * epsilon}, {@code center}, {@code scale}; variables gamma, beta (trainable), moving_mean,
 * moving_variance (not trainable), in that order. Keras 2's batch renormalisation, virtual
 * batches and custom adjustments are refused; {@code synchronized} and {@code fused} only choose
 * how Keras computes the same statistics and are accepted.
 */
final class BatchNormalizationCodec implements LayerCodec<BatchNormalization> {
  @Override
  public String className() {
    return "BatchNormalization";
  }

  @Override
  public Class<BatchNormalization> layerClass() {
    return BatchNormalization.class;
  }

  @Override
  public BatchNormalization fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "renorm", "batch renormalisation");
    Options.refuse(c, "virtual_batch_size", "ghost batch normalisation");
    Options.refuse(c, "adjustment", "a custom adjustment function");
    Options.noteTrainingOnly(c, ctx, "beta_regularizer", "gamma_regularizer", "beta_constraint",
        "gamma_constraint");
    if (ctx.version().keras2()) {
      ctx.note(c.where() + ": inference matches Keras 2; training in Java updates the moving "
          + "statistics as Keras 3 does (biased batch variance), which Keras 2's fused kernel "
          + "may not");
    }
    if (!c.bool("trainable", true)) {
      ctx.note(c.where() + " is frozen (trainable false): Keras keeps it in inference mode when "
          + "training, while Java training updates its weights and moving statistics");
    }
    double momentum = c.number("momentum", 0.99);
    double epsilon = c.number("epsilon", 1e-3);
    if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
      throw new UnsupportedKerasFeatureException(c.where() + ": momentum " + momentum
          + " must be in [0, 1] and epsilon " + epsilon + " above 0");
    }
    return BatchNormalization.builder()
        .axis(NormalizationAxis.read(c))
        .momentum(momentum)
        .epsilon(epsilon)
        .center(c.bool("center", true))
        .scale(c.bool("scale", true))
        .name(c.string("name", null))
        .build();
  }

  @Override
  public ObjectNode toConfig(BatchNormalization layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("axis", layer.axis());
    c.put("momentum", layer.momentum());
    c.put("epsilon", layer.epsilon());
    c.put("center", layer.center());
    c.put("scale", layer.scale());
    c.put("synchronized", false);
    return c;
  }

  @Override
  public List<KerasVariable> variables(BatchNormalization layer) {
    List<String> names = new ArrayList<>();
    if (layer.scale()) {
      names.add("gamma");
    }
    if (layer.center()) {
      names.add("beta");
    }
    names.add("moving_mean");
    names.add("moving_variance");
    List<KerasVariable> v = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      v.add(new KerasVariable(names.get(i), "vars/" + i, names.get(i)));
    }
    return v;
  }
}
