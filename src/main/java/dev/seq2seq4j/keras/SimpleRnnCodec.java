package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.rnn.SimpleRNN;
import dev.seq2seq4j.nn.rnn.SimpleRnnCell;
import java.util.List;

/** Keras {@code SimpleRNN}: the loop options, {@code units}, {@code activation}, {@code use_bias}. */
final class SimpleRnnCodec implements LayerCodec<SimpleRNN> {
  @Override
  public String className() {
    return "SimpleRNN";
  }

  @Override
  public Class<SimpleRNN> layerClass() {
    return SimpleRNN.class;
  }

  @Override
  public SimpleRNN fromConfig(KerasConfig c, CodecContext ctx) {
    SimpleRNN.Builder b = SimpleRNN.builder(c.integer("units", 1, Options.MAX_UNITS))
        .activation(Activations.read(c, "activation", "tanh", ctx))
        .useBias(c.bool("use_bias", true));
    return RecurrentOptions.read(c, ctx, b).build();
  }

  @Override
  public ObjectNode toConfig(SimpleRNN layer, KerasJson json) {
    SimpleRnnCell cell = layer.cell();
    ObjectNode c = json.base(layer);
    RecurrentOptions.write(layer, c);
    c.put("activation", Activations.write(cell.activation(), layer.describe()));
    c.put("use_bias", cell.useBias());
    return c;
  }

  @Override
  public List<KerasVariable> variables(SimpleRNN layer) {
    return LstmCodec.cellVariables("simple_rnn_cell", layer.cell().useBias());
  }
}
