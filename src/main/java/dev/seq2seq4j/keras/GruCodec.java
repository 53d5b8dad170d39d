package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.rnn.GRU;
import dev.seq2seq4j.nn.rnn.GruCell;
import java.util.List;

/**
 * Keras {@code GRU}: the loop options, {@code units}, {@code activation}, {@code
 * recurrent_activation}, {@code use_bias} and {@code reset_after}, whose absence means false
 * (Keras up to 2.1.4 had no such option and computed the reset-before GRU), except in a Keras 3
 * config, where the default is true. Variables {@code cell/kernel, recurrent_kernel, bias}.
 */
final class GruCodec implements LayerCodec<GRU> {
  @Override
  public String className() {
    return "GRU";
  }

  @Override
  public Class<GRU> layerClass() {
    return GRU.class;
  }

  @Override
  public GRU fromConfig(KerasConfig c, CodecContext ctx) {
    boolean resetAfter = c.bool("reset_after", !ctx.version().keras2());
    GRU.Builder b = GRU.builder(c.integer("units", 1, Options.MAX_UNITS))
        .activation(Activations.read(c, "activation", "tanh", ctx))
        .recurrentActivation(Activations.read(c, "recurrent_activation", "sigmoid", ctx))
        .useBias(c.bool("use_bias", true))
        .resetAfter(resetAfter);
    return RecurrentOptions.read(c, ctx, b).build();
  }

  @Override
  public ObjectNode toConfig(GRU layer, KerasJson json) {
    GruCell cell = layer.cell();
    ObjectNode c = json.base(layer);
    RecurrentOptions.write(layer, c);
    c.put("activation", Activations.write(cell.activation(), layer.describe()));
    c.put("recurrent_activation", Activations.write(cell.recurrentActivation(), layer.describe()));
    c.put("use_bias", cell.useBias());
    c.put("reset_after", cell.resetAfter());
    return c;
  }

  @Override
  public List<KerasVariable> variables(GRU layer) {
    return LstmCodec.cellVariables("gru_cell", layer.cell().useBias());
  }
}
