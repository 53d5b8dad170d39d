package dev.seq2seq4j.interop.parity;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Embedding;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Node;
import dev.seq2seq4j.nn.SymbolicTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded probe inputs for a model, by input name: uniform [0, 1) floats, and for integer inputs
 * whole numbers below the vocabulary of the Embedding that reads them (10 if none does), so every
 * probe is valid input for the model.
 */
public final class ProbeInputs {
  private static final int DEFAULT_VOCABULARY = 10;

  private ProbeInputs() {}

  /**
   * Probe rows for every input.
   *
   * @param model the model
   * @param rows how many rows
   * @param seed the seed
   * @return a block of {@code rows} per input, in input order
   */
  public static Map<String, FloatBlock> forModel(Model model, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, FloatBlock> inputs = new LinkedHashMap<>();
    for (int i = 0; i < model.inputs().size(); i++) {
      SymbolicTensor in = model.inputs().get(i);
      long[] row = in.shape();
      long[] shape = new long[row.length + 1];
      shape[0] = rows;
      System.arraycopy(row, 0, shape, 1, row.length);
      float[] data = new float[(int) FloatBlock.checkedSize(shape)];
      int vocabulary = in.dtype() == DType.INT32 ? vocabulary(model, in) : 0;
      for (int k = 0; k < data.length; k++) {
        data[k] = vocabulary > 0 ? random.nextInt(vocabulary) : (float) random.nextDouble();
      }
      inputs.put(model.inputNames().get(i), FloatBlock.wrap(data, shape));
    }
    return inputs;
  }

  private static int vocabulary(Model model, SymbolicTensor input) {
    for (Node n : model.nodes()) {
      if (n.layer() instanceof Embedding e && n.inputs().contains(input)) {
        return e.inputDim();
      }
    }
    return DEFAULT_VOCABULARY;
  }
}
