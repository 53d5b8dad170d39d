package dev.seq2seq4j.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The element-wise activations Keras names, applied as TensorFlow graph ops. */
public enum Activation {
  /** Identity: {@code f(x) = x}. */
  LINEAR("linear"),
  /** {@code max(x, 0)}. */
  RELU("relu"),
  /** The logistic function {@code 1 / (1 + exp(-x))}. */
  SIGMOID("sigmoid"),
  /** Hyperbolic tangent. */
  TANH("tanh"),
  /** Softmax over the last axis. */
  SOFTMAX("softmax");

  private final String kerasName;

  Activation(String kerasName) {
    this.kerasName = kerasName;
  }

  /** The name Keras uses for this activation in a layer config. */
  public String kerasName() {
    return kerasName;
  }

  /**
   * Looks an activation up by its Keras name ({@code null} or empty means linear, as in Keras).
   *
   * @throws IllegalArgumentException naming the unknown activation and the supported ones
   */
  public static Activation byName(String name) {
    if (name == null || name.isEmpty()) {
      return LINEAR;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Activation a : values()) {
      if (a.kerasName.equals(wanted)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '" + name + "'; supported: "
            + Arrays.stream(values()).map(Activation::kerasName).collect(Collectors.joining(", ")));
  }

  /** Applies this activation to {@code x}. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    switch (this) {
      case LINEAR:
        return x;
      case RELU:
        return tf.nn.relu(x);
      case SIGMOID:
        return tf.math.sigmoid(x);
      case TANH:
        return tf.math.tanh(x);
      case SOFTMAX:
        return tf.nn.softmax(x);
      default:
        throw new AssertionError(this);
    }
  }
}
