package dev.seq2seq4j.train.metrics;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's metrics by name, computed as Keras computes them: a per-element value (per sample, or
 * per sample and timestep) averaged over the batch.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Keras's {@code "accuracy"}: it picks the accuracy from the shapes, not from the loss, as
   * Keras 3 does ({@code compile_utils.get_metric}): binary accuracy (threshold 0.5) for outputs
   * whose last axis has size 1, categorical accuracy otherwise (targets here always have the
   * outputs' shape, so the sparse case does not arise).
   *
   * @return the metric, named {@code accuracy}
   */
  public static Metric accuracy() {
    return accuracy("accuracy");
  }

  private static Metric accuracy(String name) {
    return new Named(name, (tf, yTrue, yPred) -> lastAxis(yPred) == 1
        ? binaryHits(tf, yTrue, yPred)
        : categoricalHits(tf, yTrue, yPred));
  }

  /**
   * Keras's {@code categorical_accuracy}: whether the arg-max of the target and of the output
   * agree, per sample (and timestep).
   *
   * @return the metric
   */
  public static Metric categoricalAccuracy() {
    return new Named("categorical_accuracy", Metrics::categoricalHits);
  }

  /**
   * Keras's {@code binary_accuracy} with threshold 0.5: whether {@code output > 0.5} equals the
   * target, per element.
   *
   * @return the metric
   */
  public static Metric binaryAccuracy() {
    return new Named("binary_accuracy", Metrics::binaryHits);
  }

  /**
   * Keras's {@code mae}: the mean absolute error over the last axis, averaged.
   *
   * @param name the log name ({@code mae} or {@code mean_absolute_error})
   * @return the metric
   */
  private static Metric meanAbsoluteError(String name) {
    return new Named(name, (tf, yTrue, yPred) ->
        tf.math.mean(tf.math.abs(tf.math.sub(yTrue, yPred)), tf.constant(-1)));
  }

  /**
   * Keras's {@code mse}: the mean squared error over the last axis, averaged.
   *
   * @param name the log name ({@code mse} or {@code mean_squared_error})
   * @return the metric
   */
  private static Metric meanSquaredError(String name) {
    return new Named(name, (tf, yTrue, yPred) ->
        tf.math.mean(tf.math.squaredDifference(yTrue, yPred), tf.constant(-1)));
  }

  /**
   * The metric with this Keras name; the log key is the name as given, as in Keras.
   *
   * @param name {@code accuracy} (or {@code acc}), {@code categorical_accuracy}, {@code
   *     binary_accuracy}, {@code mae} / {@code mean_absolute_error}, {@code mse} / {@code
   *     mean_squared_error}
   * @return the metric
   * @throws IllegalArgumentException listing the known names
   */
  public static Metric byName(String name) {
    String n = name == null ? "" : name.strip();
    switch (n.toLowerCase(Locale.ROOT)) {
      case "accuracy":
      case "acc":
        return accuracy(n);
      case "categorical_accuracy":
        return categoricalAccuracy();
      case "binary_accuracy":
        return binaryAccuracy();
      case "mae":
      case "mean_absolute_error":
        return meanAbsoluteError(n);
      case "mse":
      case "mean_squared_error":
        return meanSquaredError(n);
      default:
        throw new IllegalArgumentException("unknown metric '" + name + "'; known: "
            + String.join(", ", names()));
    }
  }

  /**
   * The names {@link #byName} knows.
   *
   * @return the names
   */
  public static List<String> names() {
    return List.of("accuracy", "acc", "categorical_accuracy", "binary_accuracy", "mae",
        "mean_absolute_error", "mse", "mean_squared_error");
  }

  private static int lastAxis(Operand<TFloat32> t) {
    long[] shape = t.shape().asArray();
    return shape.length == 0 ? 1 : (int) shape[shape.length - 1];
  }

  private static Operand<TFloat32> categoricalHits(
      Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return tf.dtypes.cast(
        tf.math.equal(
            tf.math.argMax(yTrue, tf.constant(-1)), tf.math.argMax(yPred, tf.constant(-1))),
        TFloat32.class);
  }

  private static Operand<TFloat32> binaryHits(
      Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> predicted =
        tf.dtypes.cast(tf.math.greater(yPred, tf.constant(0.5f)), TFloat32.class);
    return tf.dtypes.cast(tf.math.equal(yTrue, predicted), TFloat32.class);
  }

  /** Per-element values of a metric, before the batch mean. */
  @FunctionalInterface
  private interface ElementValues {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);
  }

  /** A mean metric: the per-element values averaged over every axis. */
  private record Named(String name, ElementValues values) implements Metric {
    @Override
    public Operand<TFloat32> batchValue(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
      Operand<TFloat32> v = values.apply(tf, yTrue, yPred);
      int rank = v.shape().numDimensions();
      int[] axes = new int[rank];
      for (int i = 0; i < rank; i++) {
        axes[i] = i;
      }
      return tf.math.mean(v, tf.constant(axes));
    }
  }
}
