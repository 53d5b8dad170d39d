package dev.seq2seq4j.cli;

import dev.seq2seq4j.data.FloatBlock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model that answers questions in its recipe's notation, whatever it was loaded from
 * (a checkpoint today; other sources plug in beside {@link CheckpointPredictor}).
 */
interface Predictor extends AutoCloseable {

  /**
   * Answers one question.
   *
   * @param question e.g. {@code "12+50"}
   * @return e.g. {@code "62"}
   * @throws IllegalArgumentException with a one-line message if the question is invalid
   */
  String answer(String question);

  @Override
  void close();

  /**
   * A model's outputs for one sample as one line of JSON ({@code {"output_0": [...]}}), refused
   * if any value is NaN or infinite: JSON has no such numbers, and a model that computes them
   * has damaged or diverged weights, so no answer is better than a wrong one.
   *
   * @param source the model file, for the message
   * @param outputs the outputs by name, each with a batch axis of 1
   * @return the JSON line
   * @throws IllegalArgumentException naming the file and the output otherwise
   */
  static String outputsAsJson(Path source, Map<String, FloatBlock> outputs) {
    Map<String, Object> json = new LinkedHashMap<>();
    outputs.forEach((name, v) -> {
      for (float x : v.data()) {
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException(source + ": output '" + name + "' holds " + x
              + " for this input; the model's weights are damaged or diverged");
        }
      }
      json.put(name, NumericInput.nested(v.data(), v.shape(), 1, 0));
    });
    return Json.line(json);
  }
}
