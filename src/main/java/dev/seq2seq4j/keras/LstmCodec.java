package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.rnn.LSTM;
import dev.seq2seq4j.nn.rnn.LstmCell;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code LSTM}: the loop options, {@code units}, {@code activation}, {@code
 * recurrent_activation} (Keras 2's hard_sigmoid for files saved by Keras 2), {@code use_bias},
 * {@code unit_forget_bias}; variables {@code cell/kernel, recurrent_kernel, bias}.
 */
final class LstmCodec implements LayerCodec<LSTM> {
  @Override
  public String className() {
    return "LSTM";
  }

  @Override
  public Class<LSTM> layerClass() {
    return LSTM.class;
  }

  @Override
  public LSTM fromConfig(KerasConfig c, CodecContext ctx) {
    LSTM.Builder b = LSTM.builder(c.integer("units", 1, Options.MAX_UNITS))
        .activation(Activations.read(c, "activation", "tanh", ctx))
        .recurrentActivation(Activations.read(c, "recurrent_activation", "sigmoid", ctx))
        .useBias(c.bool("use_bias", true))
        .unitForgetBias(c.bool("unit_forget_bias", true));
    return RecurrentOptions.read(c, ctx, b).build();
  }

  @Override
  public ObjectNode toConfig(LSTM layer, KerasJson json) {
    LstmCell cell = layer.cell();
    ObjectNode c = json.base(layer);
    RecurrentOptions.write(layer, c);
    c.put("activation", Activations.write(cell.activation(), layer.describe()));
    c.put("recurrent_activation", Activations.write(cell.recurrentActivation(), layer.describe()));
    c.put("use_bias", cell.useBias());
    c.put("unit_forget_bias", cell.unitForgetBias());
    return c;
  }

  @Override
  public List<KerasVariable> variables(LSTM layer) {
    return cellVariables("lstm_cell", layer.cell().useBias());
  }

  /** kernel, recurrent_kernel and (optionally) bias of a cell held under {@code cell}. */
  static List<KerasVariable> cellVariables(String cellName, boolean useBias) {
    List<KerasVariable> v = new ArrayList<>();
    v.add(new KerasVariable("cell/kernel", "cell/vars/0", cellName + "/kernel"));
    v.add(new KerasVariable("cell/recurrent_kernel", "cell/vars/1", cellName + "/recurrent_kernel"));
    if (useBias) {
      v.add(new KerasVariable("cell/bias", "cell/vars/2", cellName + "/bias"));
    }
    return v;
  }
}
