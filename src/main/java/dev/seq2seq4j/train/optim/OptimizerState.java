package dev.seq2seq4j.train.optim;

import dev.seq2seq4j.data.FloatBlock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state between two steps: which optimizer, how many steps it has taken (Keras's
 * {@code optimizer.iterations}) and the values of its variables, slots keyed {@code
 * <variable>/<slot>} ({@code lstm/cell/kernel/momentum}) and optimizer-wide values by name
 * ({@code beta_1_power}).
 *
 * @param optimizer the Keras name of the optimizer, e.g. {@code adam}
 * @param iterations the number of steps taken
 * @param variables the values, in the optimizer's order
 */
public record OptimizerState(String optimizer, long iterations, Map<String, FloatBlock> variables) {
  /**
   * Copies the map and checks the values.
   *
   * @param optimizer the Keras name
   * @param iterations steps taken, at least 0
   * @param variables the values
   * @throws IllegalArgumentException for a negative count or null entries
   */
  public OptimizerState {
    if (optimizer == null || optimizer.isEmpty()) {
      throw new IllegalArgumentException("an optimizer state needs the optimizer's name");
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    for (Map.Entry<String, FloatBlock> e : variables.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("optimizer state names and values must not be null");
      }
    }
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
