package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.conv.Conv1D;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code Conv1D}: {@code filters}, {@code kernel_size}, {@code strides}, {@code padding}
 * (valid, same, causal), {@code dilation_rate}, {@code activation}, {@code use_bias}; kernel
 * {@code [kernel_size, channels, filters]}, bias. {@code groups} above 1 and {@code
 * channels_first} are refused.
 */
final class Conv1DCodec implements LayerCodec<Conv1D> {
  @Override
  public String className() {
    return "Conv1D";
  }

  @Override
  public Class<Conv1D> layerClass() {
    return Conv1D.class;
  }

  @Override
  public Conv1D fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "lora_rank", "LoRA adapters");
    SpatialOptions.requireChannelsLast(c);
    int groups = c.integer("groups", 1, 1, Options.MAX_UNITS);
    if (groups != 1) {
      throw new UnsupportedKerasFeatureException(c.where() + " uses groups " + groups
          + " (grouped convolution), which is not supported");
    }
    Options.noteTrainingOnly(c, ctx, "kernel_regularizer", "bias_regularizer",
        "activity_regularizer", "kernel_constraint", "bias_constraint");
    int strides = SpatialOptions.size(c, "strides", 1);
    int dilation = SpatialOptions.size(c, "dilation_rate", 1);
    if (strides > 1 && dilation > 1) {
      throw new UnsupportedKerasFeatureException(c.where() + " combines strides " + strides
          + " with dilation_rate " + dilation + ", which Keras refuses too");
    }
    return Conv1D.builder(c.integer("filters", 1, Options.MAX_UNITS),
            SpatialOptions.size(c, "kernel_size"))
        .strides(strides)
        .padding(SpatialOptions.padding(c, true))
        .dilationRate(dilation)
        .activation(Activations.read(c, "activation", "linear", ctx))
        .useBias(c.bool("use_bias", true))
        .name(c.string("name", null))
        .build();
  }

  @Override
  public ObjectNode toConfig(Conv1D layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("filters", layer.filters());
    SpatialOptions.putSize(c, "kernel_size", layer.kernelSize());
    SpatialOptions.putSize(c, "strides", layer.strides());
    c.put("padding", layer.padding().kerasName());
    c.put("data_format", "channels_last");
    SpatialOptions.putSize(c, "dilation_rate", layer.dilationRate());
    c.put("groups", 1);
    c.put("activation", Activations.write(layer.activation(), layer.describe()));
    c.put("use_bias", layer.useBias());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Conv1D layer) {
    List<KerasVariable> v = new ArrayList<>();
    v.add(new KerasVariable("kernel", "vars/0", "kernel"));
    if (layer.useBias()) {
      v.add(new KerasVariable("bias", "vars/1", "bias"));
    }
    return v;
  }
}
