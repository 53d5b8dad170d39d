package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Merge;
import java.util.List;

/** Keras's element-wise merges ({@code Add}, {@code Subtract}, ...), one codec per class. */
final class MergeCodec implements LayerCodec<Merge> {
  private final Merge.Op op;

  MergeCodec(Merge.Op op) {
    this.op = op;
  }

  @Override
  public String className() {
    return op.kerasClass();
  }

  @Override
  public Class<Merge> layerClass() {
    return Merge.class;
  }

  @Override
  public boolean writes(Merge layer) {
    return layer.op() == op;
  }

  @Override
  public Merge fromConfig(KerasConfig c, CodecContext ctx) {
    return new Merge(op, c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(Merge layer, KerasJson json) {
    return json.base(layer);
  }

  @Override
  public List<KerasVariable> variables(Merge layer) {
    return List.of();
  }
}
