package dev.seq2seq4j.train.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;

/**
 * Which optimizer to train with and its hyper-parameters, as Keras's {@code
 * compile(optimizer=...)} takes them: a name ({@code "adam"}, {@code "sgd"}, {@code "rmsprop"})
 * with Keras's defaults, or the same with some values changed under Keras's config names:
 *
 * <pre>{@code
 * OptimizerSpec.of("sgd").with("learning_rate", 0.1).with("momentum", 0.9).with("nesterov", true)
 * }</pre>
 *
 * <p>A spec is an immutable description; {@link #create} makes the optimizer in a graph.
 */
public final class OptimizerSpec {
  /** The optimizers by Keras name, with Keras 3's defaults in {@code get_config} order. */
  private enum Kind {
    ADAM("adam", Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7),
        List.of("learning_rate", "beta_1", "beta_2", "epsilon")),
    SGD("sgd", Map.of("learning_rate", 0.01, "momentum", 0.0, "nesterov", false),
        List.of("learning_rate", "momentum", "nesterov")),
    RMSPROP("rmsprop", Map.of("learning_rate", 0.001, "rho", 0.9, "momentum", 0.0,
        "epsilon", 1e-7, "centered", false),
        List.of("learning_rate", "rho", "momentum", "epsilon", "centered"));

    final String kerasName;
    final Map<String, Object> defaults;

    Kind(String kerasName, Map<String, Object> defaults, List<String> order) {
      this.kerasName = kerasName;
      Map<String, Object> ordered = new LinkedHashMap<>();
      for (String key : order) {
        ordered.put(key, defaults.get(key));
      }
      this.defaults = Collections.unmodifiableMap(ordered);
    }
  }

  private final Kind kind;
  private final Map<String, Object> config;

  private OptimizerSpec(Kind kind, Map<String, Object> config) {
    this.kind = kind;
    this.config = Collections.unmodifiableMap(config);
  }

  /**
   * Keras's default optimizer for a name, case-insensitive as Keras accepts it ({@code adam},
   * {@code Adam}, {@code sgd}, {@code SGD}, {@code rmsprop}, {@code RMSprop}).
   *
   * @param kerasName the optimizer's name
   * @return the spec with Keras's defaults
   * @throws IllegalArgumentException listing the known names
   */
  public static OptimizerSpec of(String kerasName) {
    String n = kerasName == null ? "" : kerasName.strip().toLowerCase(Locale.ROOT);
    for (Kind k : Kind.values()) {
      if (k.kerasName.equals(n)) {
        return new OptimizerSpec(k, new LinkedHashMap<>(k.defaults));
      }
    }
    throw new IllegalArgumentException("unknown optimizer '" + kerasName + "'; known: "
        + String.join(", ", names()));
  }

  /**
   * The known optimizer names.
   *
   * @return {@code [adam, sgd, rmsprop]}
   */
  public static List<String> names() {
    return List.of(Kind.ADAM.kerasName, Kind.SGD.kerasName, Kind.RMSPROP.kerasName);
  }

  /**
   * Keras's default Adam.
   *
   * @return the spec
   */
  public static OptimizerSpec adam() {
    return of("adam");
  }

  /**
   * Keras's default SGD (learning rate 0.01, no momentum).
   *
   * @return the spec
   */
  public static OptimizerSpec sgd() {
    return of("sgd");
  }

  /**
   * Keras 3's default RMSprop.
   *
   * @return the spec
   */
  public static OptimizerSpec rmsprop() {
    return of("rmsprop");
  }

  /**
   * The same optimizer with one numeric hyper-parameter changed.
   *
   * @param key a Keras config name, e.g. {@code learning_rate}, {@code momentum}
   * @param value the value (checked when the optimizer is created)
   * @return the new spec
   * @throws IllegalArgumentException if the optimizer has no such numeric hyper-parameter
   */
  public OptimizerSpec with(String key, double value) {
    return with(key, (Object) value, Double.class);
  }

  /**
   * The same optimizer with one boolean hyper-parameter changed ({@code nesterov}, {@code
   * centered}).
   *
   * @param key a Keras config name
   * @param value the value
   * @return the new spec
   * @throws IllegalArgumentException if the optimizer has no such boolean hyper-parameter
   */
  public OptimizerSpec with(String key, boolean value) {
    return with(key, (Object) value, Boolean.class);
  }

  private OptimizerSpec with(String key, Object value, Class<?> type) {
    Object current = kind.defaults.get(key);
    if (current == null) {
      throw new IllegalArgumentException(kind.kerasName + " has no hyper-parameter '" + key
          + "'; its hyper-parameters: " + String.join(", ", kind.defaults.keySet()));
    }
    if (!type.isInstance(current)) {
      throw new IllegalArgumentException(kind.kerasName + "'s '" + key + "' takes a "
          + (current instanceof Boolean ? "boolean" : "number") + ", given " + value);
    }
    Map<String, Object> c = new LinkedHashMap<>(config);
    c.put(key, value);
    return new OptimizerSpec(kind, c);
  }

  /**
   * The same optimizer with another learning rate.
   *
   * @param learningRate the step size
   * @return the new spec
   */
  public OptimizerSpec withLearningRate(double learningRate) {
    return with("learning_rate", learningRate);
  }

  /**
   * The Keras name.
   *
   * @return e.g. {@code sgd}
   */
  public String name() {
    return kind.kerasName;
  }

  /**
   * Every hyper-parameter by Keras config name, defaults included.
   *
   * @return the config in Keras's order
   */
  public Map<String, Object> config() {
    return config;
  }

  /**
   * The learning rate.
   *
   * @return the step size
   */
  public double learningRate() {
    return number("learning_rate");
  }

  private double number(String key) {
    return (Double) config.get(key);
  }

  private boolean flag(String key) {
    return (Boolean) config.get(key);
  }

  /**
   * Makes the optimizer in a graph.
   *
   * @param graph the graph
   * @return the optimizer, before any {@code applyGradients}
   * @throws IllegalArgumentException if a hyper-parameter is out of its range
   */
  public KerasOptimizer create(Graph graph) {
    switch (kind) {
      case ADAM:
        return new KerasAdam(graph, learningRate(), number("beta_1"), number("beta_2"),
            number("epsilon"));
      case SGD:
        return new KerasSgd(graph, learningRate(), number("momentum"), flag("nesterov"));
      case RMSPROP:
        return new KerasRmsprop(graph, learningRate(), number("rho"), number("momentum"),
            number("epsilon"), flag("centered"));
      default:
        throw new AssertionError(kind);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimizerSpec s && s.kind == kind && s.config.equals(config);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + config.hashCode();
  }

  /** Keras-style, e.g. {@code sgd(learning_rate=0.01, momentum=0.9, nesterov=false)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.kerasName).append('(');
    String sep = "";
    for (Map.Entry<String, Object> e : config.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}
