package dev.seq2seq4j.interop.savedmodel;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasLayout;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds a model's weights in a TensorFlow checkpoint by the exact name each writer gives them,
 * from the model's {@link KerasLayout}; no name is guessed:
 *
 * <ol>
 *   <li>Keras 2 ({@code model.save(dir)}, {@code save_weights} in TF format): the object-graph
 *       path {@code layer_with_weights-K/cell/kernel};
 *   <li>Keras 3 ({@code model.export}): the variable path {@code lstm/lstm_cell/kernel}, behind
 *       the model's name for a Sequential model;
 *   <li>seq2seq4j's own exports: the Java name {@code lstm/cell/kernel}.
 * </ol>
 *
 * The first rule that finds every weight is used; if none does, the error lists what the
 * closest one lacks.
 */
public final class CheckpointWeights {
  private CheckpointWeights() {}

  /** One naming rule: the checkpoint key of each placement, or null. */
  private record Rule(String name, Function<KerasLayout.Placement, String> key) {}

  public static Weights read(Model model, KerasLayout layout, CheckpointReader reader) {
    Map<String, String> names = reader.variables();
    List<Rule> rules = List.of(
        new Rule("Keras 2 object paths", p -> reader.keyAtPath(p.keras2ObjectPath())),
        new Rule("Keras 3 variable paths", p -> {
          String k = names.get(p.variablePath());
          return k != null ? k : names.get(model.name() + "/" + p.variablePath());
        }),
        new Rule("seq2seq4j names", p -> names.get(p.javaName())));
    Rule best = null;
    List<String> bestMissing = null;
    for (Rule rule : rules) {
      Map<String, String> keys = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      for (KerasLayout.Placement p : layout.placements().values()) {
        String key = rule.key().apply(p);
        if (key == null) {
          missing.add(p.javaName());
        } else {
          keys.put(p.javaName(), key);
        }
      }
      if (missing.isEmpty()) {
        return checkShapes(model, reader.readKeys(keys), reader);
      }
      if (bestMissing == null || missing.size() < bestMissing.size()) {
        best = rule;
        bestMissing = missing;
      }
    }
    throw new ModelLoadException("checkpoint " + reader.prefix() + " does not hold the weights of "
        + "model '" + model.name() + "': by " + best.name() + " it lacks " + bestMissing
        + "; it holds variables " + names.keySet() + " under objects " + reader.rootChildren());
  }

  private static Weights checkShapes(Model model, Map<String, FloatBlock> values,
      CheckpointReader reader) {
    try {
      return Weights.of(values).requireComplete("model '" + model.name() + "'", model.weights());
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("checkpoint " + reader.prefix() + " does not fit the model "
          + "config: " + e.getMessage(), e);
    }
  }
}
