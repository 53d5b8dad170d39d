package dev.seq2seq4j.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/** Keras's losses, with Keras's numerics. */
public final class Losses {
  /** Keras's {@code backend.epsilon()}, used to clip probabilities. */
  public static final float EPSILON = 1e-7f;

  private Losses() {}

  /**
   * Categorical cross-entropy on probabilities (a softmax output), as Keras computes it with
   * {@code from_logits=False}: outputs are renormalised to sum to 1 over the last axis, clipped to
   * {@code [1e-7, 1 - 1e-7]}, and {@code -sum(y * log(p))} is averaged over samples and timesteps.
   */
  public static Loss categoricalCrossentropy() {
    return new PerElementLoss(
        "categorical_crossentropy",
        List.of("accuracy"),
        (tf, yTrue, yPred) -> {
          Operand<TFloat32> p =
              tf.math.div(yPred, tf.sum(yPred, tf.constant(-1), Sum.keepDims(true)));
          p = tf.clipByValue(p, tf.constant(EPSILON), tf.constant(1f - EPSILON));
          return tf.math.neg(tf.sum(tf.math.mul(yTrue, tf.math.log(p)), tf.constant(-1)));
        });
  }

  /** Mean squared error over the last axis, averaged over samples (Keras {@code mse}). */
  public static Loss meanSquaredError() {
    return new PerElementLoss(
        "mean_squared_error",
        List.of(),
        (tf, yTrue, yPred) ->
            tf.math.mean(tf.math.squaredDifference(yTrue, yPred), tf.constant(-1)));
  }

  /**
   * The loss with this Keras name ({@code categorical_crossentropy}, {@code mse}, ...).
   *
   * @throws IllegalArgumentException listing the supported names
   */
  public static Loss byName(String name) {
    switch (name) {
      case "categorical_crossentropy":
        return categoricalCrossentropy();
      case "mse":
      case "mean_squared_error":
        return meanSquaredError();
      default:
        throw new IllegalArgumentException(
            "unknown loss '" + name + "'; supported: categorical_crossentropy, mean_squared_error");
    }
  }

  /** The per-sample (or per-timestep) loss before averaging. */
  @FunctionalInterface
  private interface ElementLoss {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);
  }

  /** A Keras loss with reduction "sum over batch size": the mean over all remaining elements. */
  private record PerElementLoss(String name, List<String> defaultMetrics, ElementLoss element)
      implements Loss {
    @Override
    public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
      return Reductions.meanOfAll(tf, element.apply(tf, yTrue, yPred));
    }
  }
}
