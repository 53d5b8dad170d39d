package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.History;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a recipe judges its trained model: it scores the held-out data, prints the recipe's report
 * lines and returns the metrics in reporting order.
 */
@FunctionalInterface
interface Evaluation {

  /**
   * Scores the trained model.
   *
   * @param model the trained model
   * @param history its training history
   * @param reporter where the report lines go
   * @return metric name to value, in reporting order
   */
  Map<String, Double> evaluate(CompiledModel model, History history, Reporter reporter);

  /**
   * This evaluation, then another; the metrics of both, this one's first.
   *
   * @param next the evaluation to run after this one
   * @return the combined evaluation
   */
  default Evaluation andThen(Evaluation next) {
    return (model, history, reporter) -> {
      Map<String, Double> m = new LinkedHashMap<>(evaluate(model, history, reporter));
      m.putAll(next.evaluate(model, history, reporter));
      return m;
    };
  }
}
