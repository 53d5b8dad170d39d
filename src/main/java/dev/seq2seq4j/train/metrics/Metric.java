package dev.seq2seq4j.train.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras metric as the training loop reports it: a name (the key in the logs, {@code accuracy},
 * {@code val_accuracy}), a graph op giving the metric's value on one batch, and how batch values
 * combine into the epoch's value.
 */
public interface Metric {
  /** How the values of an epoch's batches combine into one number. */
  enum Weighting {
    /**
     * Each batch counts by its number of samples, as Keras's mean metrics (total / count)
     * report it: the result is the mean over every sample of the epoch.
     */
    SAMPLES,
    /** Each batch counts once: the mean of the batch values. */
    BATCHES
  }

  /**
   * The metric's name, as Keras logs it: the string given to {@code compile(metrics=[...])}.
   *
   * @return e.g. {@code accuracy}
   */
  String name();

  /**
   * Emits the metric's scalar value on one batch.
   *
   * @param tf the graph's ops
   * @param yTrue the batch's targets
   * @param yPred the model's outputs for it, of the same shape
   * @return a float32 scalar
   */
  Operand<TFloat32> batchValue(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /**
   * How batch values combine.
   *
   * @return {@link Weighting#SAMPLES} unless the metric says otherwise
   */
  default Weighting weighting() {
    return Weighting.SAMPLES;
  }
}
