package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Dense;
import java.util.ArrayList;
import java.util.List;

/** Keras {@code Dense}: {@code units}, {@code activation}, {@code use_bias}; kernel, bias. */
final class DenseCodec implements LayerCodec<Dense> {
  @Override
  public String className() {
    return "Dense";
  }

  @Override
  public Class<Dense> layerClass() {
    return Dense.class;
  }

  @Override
  public Dense fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "lora_rank", "LoRA adapters");
    Options.refuse(c, "quantization_config", "quantized weights");
    Options.noteTrainingOnly(c, ctx, "kernel_regularizer", "bias_regularizer",
        "activity_regularizer", "kernel_constraint", "bias_constraint");
    return Dense.builder(c.integer("units", 1, Options.MAX_UNITS))
        .activation(Activations.read(c, "activation", "linear", ctx))
        .useBias(c.bool("use_bias", true))
        .name(c.string("name", null))
        .build();
  }

  @Override
  public ObjectNode toConfig(Dense layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("units", layer.units());
    c.put("activation", Activations.write(layer.activation(), layer.describe()));
    c.put("use_bias", layer.useBias());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Dense layer) {
    List<KerasVariable> v = new ArrayList<>();
    v.add(new KerasVariable("kernel", "vars/0", "kernel"));
    if (layer.useBias()) {
      v.add(new KerasVariable("bias", "vars/1", "bias"));
    }
    return v;
  }
}
