package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.History;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one recipe run produced: its configuration, the training history, the metrics (named
 * {@code exact_match_accuracy}, {@code test_accuracy}, {@code train_accuracy}, {@code rmse}, as
 * fractions for accuracies) and the trained weights.
 */
public final class RecipeResult {
  /** Whole output sequence right, as a fraction. */
  public static final String EXACT_MATCH_ACCURACY = "exact_match_accuracy";
  /** Per-position accuracy on the test data, as a fraction. */
  public static final String TEST_ACCURACY = "test_accuracy";
  /** Per-position accuracy on the training data, as a fraction. */
  public static final String TRAIN_ACCURACY = "train_accuracy";
  /** Root mean squared error of inverted sums (mapping models). */
  public static final String RMSE = "rmse";

  private final String recipe;
  private final RecipeConfig config;
  private final History history;
  private final Map<String, Double> metrics;
  private final Weights weights;

  /**
   * Creates a result.
   *
   * @param recipe the recipe name
   * @param config the configuration run
   * @param history the training history
   * @param metrics metric name to value, in reporting order
   * @param weights the trained weights by qualified name
   */
  public RecipeResult(
      String recipe,
      RecipeConfig config,
      History history,
      Map<String, Double> metrics,
      Weights weights) {
    this.recipe = recipe;
    this.config = config;
    this.history = history;
    this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    this.weights = weights;
  }

  /**
   * The recipe name.
   *
   * @return the name
   */
  public String recipe() {
    return recipe;
  }

  /**
   * The configuration that ran.
   *
   * @return the configuration
   */
  public RecipeConfig config() {
    return config;
  }

  /**
   * The per-epoch history, with the training time.
   *
   * @return the history
   */
  public History history() {
    return history;
  }

  /**
   * The metrics in reporting order.
   *
   * @return name to value
   */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /**
   * One metric.
   *
   * @param name e.g. {@link #TEST_ACCURACY}
   * @return its value, or empty if this recipe does not compute it
   */
  public OptionalDouble metric(String name) {
    Double v = metrics.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /**
   * The trained weights.
   *
   * @return name to value
   */
  public Weights weights() {
    return weights;
  }

  /**
   * The machine-readable summary: {@code recipe}, {@code seed}, {@code epochs_run},
   * {@code train_seconds}, {@code steps}, the metrics, and the configuration under
   * {@code config}.
   *
   * @return an ordered map ready for JSON
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipe", recipe);
    m.put("seed", config.seed());
    m.put("epochs_run", history.epochsRun());
    m.put("train_seconds", Math.round(history.trainSeconds() * 1000) / 1000.0);
    m.put("steps", history.steps());
    m.putAll(metrics);
    m.put("config", config.toMap());
    return m;
  }
}
