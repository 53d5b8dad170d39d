package dev.seq2seq4j.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A training loss: the mean over every sample (and timestep) of a per-element loss. */
public interface Loss {
  /** The Keras name of the loss, e.g. {@code categorical_crossentropy}. */
  String name();

  /** Emits the scalar batch loss for targets {@code yTrue} and model outputs {@code yPred}. */
  Operand<TFloat32> compute(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /**
   * The metrics a model compiled with this loss reports when {@link CompileOptions} names none
   * (the project's long-standing default: accuracy for categorical cross-entropy, nothing for
   * regression losses).
   *
   * @return metric names for {@link dev.seq2seq4j.train.metrics.Metrics#byName}; none by default
   */
  default List<String> defaultMetrics() {
    return List.of();
  }
}
