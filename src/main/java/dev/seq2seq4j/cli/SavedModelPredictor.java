package dev.seq2seq4j.cli;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs any SavedModel's signature on one sample given as numbers ({@code "0.1 0.5 0.2"}, commas
 * or spaces), filling the single input's per-sample shape row-major; answers with the outputs as
 * one line of JSON.
 */
final class SavedModelPredictor implements Predictor {
  private final SavedModelRunner runner;
  private final String signature;
  private final SignatureInfo.Spec input;

  private SavedModelPredictor(SavedModelRunner runner, String signature) {
    this.runner = runner;
    this.signature = signature;
    SignatureInfo sig = runner.signature(signature);
    if (sig.inputs().size() != 1) {
      runner.close();
      throw new UserInputException(
          "signature '" + signature + "' takes " + sig.inputs().size() + " inputs "
              + sig.inputNames() + "; predict --savedmodel feeds single-input signatures");
    }
    this.input = sig.inputs().get(0);
  }

  static SavedModelPredictor open(Path dir, String signature) {
    return new SavedModelPredictor(SavedModelRunner.open(dir), signature);
  }

  @Override
  public String answer(String question) {
    List<Float> values = new ArrayList<>();
    for (String tok : question.trim().split("[\\s,]+")) {
      if (tok.isEmpty()) {
        continue;
      }
      try {
        values.add(Float.parseFloat(tok));
      } catch (NumberFormatException e) {
        throw new UserInputException("'" + tok + "' is not a number");
      }
    }
    long[] row = rowShape(values.size());
    long[] shape = new long[row.length + 1];
    shape[0] = 1;
    System.arraycopy(row, 0, shape, 1, row.length);
    float[] data = new float[values.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = values.get(i);
    }
    Map<String, FloatBlock> out = runner.run(signature, Map.of(input.name(), FloatBlock.wrap(data, shape)));
    Map<String, Object> json = new LinkedHashMap<>();
    out.forEach((k, v) -> json.put(k, nested(v.data(), v.shape(), 1, 0)));
    return Json.line(json);
  }

  /** The per-sample shape; one unknown dimension is inferred from the number of values. */
  private long[] rowShape(int count) {
    long[] sig = input.shape();
    long[] row = java.util.Arrays.copyOfRange(sig, 1, sig.length);
    long known = 1;
    int unknown = -1;
    for (int i = 0; i < row.length; i++) {
      if (row[i] < 0) {
        if (unknown >= 0) {
          throw new UserInputException("input '" + input.name() + "' has several unknown sizes "
              + java.util.Arrays.toString(sig) + "; cannot infer its shape");
        }
        unknown = i;
      } else {
        known *= row[i];
      }
    }
    if (unknown >= 0 && known > 0 && count % known == 0 && count > 0) {
      row[unknown] = count / known;
      known = count;
    }
    if (known != count) {
      throw new UserInputException("input '" + input.name() + "' takes " + known
          + " values per sample (shape " + java.util.Arrays.toString(sig) + "), got " + count);
    }
    return row;
  }

  private static Object nested(float[] data, long[] shape, int axis, int offset) {
    if (axis == shape.length) {
      return data[offset];
    }
    long stride = 1;
    for (int i = axis + 1; i < shape.length; i++) {
      stride *= shape[i];
    }
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < shape[axis]; i++) {
      list.add(nested(data, shape, axis + 1, (int) (offset + i * stride)));
    }
    return list;
  }

  @Override
  public void close() {
    runner.close();
  }
}
