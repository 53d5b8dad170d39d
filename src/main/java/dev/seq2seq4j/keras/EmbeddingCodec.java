package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Embedding;
import java.util.List;

/**
 * Keras {@code Embedding}: {@code input_dim}, {@code output_dim}, {@code mask_zero}; Keras 2's
 * {@code input_length} only restated the input shape and is ignored, as Keras 3 ignores it.
 */
final class EmbeddingCodec implements LayerCodec<Embedding> {
  /** The largest vocabulary a config may declare (16M rows). */
  private static final int MAX_VOCABULARY = 1 << 24;

  @Override
  public String className() {
    return "Embedding";
  }

  @Override
  public Class<Embedding> layerClass() {
    return Embedding.class;
  }

  @Override
  public Embedding fromConfig(KerasConfig c, CodecContext ctx) {
    Options.refuse(c, "lora_rank", "LoRA adapters");
    Options.refuse(c, "sparse", "sparse gradients");
    Options.noteTrainingOnly(c, ctx, "embeddings_regularizer", "activity_regularizer",
        "embeddings_constraint");
    int inputDim = c.integer("input_dim", 1, MAX_VOCABULARY);
    int outputDim = c.integer("output_dim", 1, Options.MAX_UNITS);
    if ((long) inputDim * outputDim > Integer.MAX_VALUE - 8) {
      throw new UnsupportedKerasFeatureException(c.where() + " declares a " + inputDim + " x "
          + outputDim + " table, more than a Java array can hold");
    }
    return new Embedding(inputDim, outputDim, c.bool("mask_zero", false), c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Embedding layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("input_dim", layer.inputDim());
    c.put("output_dim", layer.outputDim());
    c.put("mask_zero", layer.maskZero());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Embedding layer) {
    return List.of(new KerasVariable("embeddings", "vars/0", "embeddings"));
  }
}
