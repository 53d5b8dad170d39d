package dev.seq2seq4j.cli;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs any SavedModel's signature on one sample given as numbers ({@code "0.1 0.5 0.2"}, commas
 * or spaces), filling the single input's per-sample shape row-major; answers with the outputs as
 * one line of JSON.
 */
final class SavedModelPredictor implements Predictor {
  private final Path dir;
  private final SavedModelRunner runner;
  private final String signature;
  private final SignatureInfo.Spec input;

  private SavedModelPredictor(Path dir, SavedModelRunner runner, String signature) {
    this.dir = dir;
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
    return new SavedModelPredictor(dir, SavedModelRunner.open(dir), signature);
  }

  @Override
  public String answer(String question) {
    float[] data = NumericInput.parse(question);
    long[] sig = input.shape();
    long[] row = NumericInput.shapeFor(input.name(),
        java.util.Arrays.copyOfRange(sig, 1, sig.length), data.length);
    long[] shape = new long[row.length + 1];
    shape[0] = 1;
    System.arraycopy(row, 0, shape, 1, row.length);
    Map<String, FloatBlock> out =
        runner.run(signature, Map.of(input.name(), FloatBlock.wrap(data, shape)));
    return Predictor.outputsAsJson(dir, out);
  }

  @Override
  public void close() {
    runner.close();
  }
}
