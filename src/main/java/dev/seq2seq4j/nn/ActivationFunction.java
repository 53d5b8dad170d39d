package dev.seq2seq4j.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The element-wise activation functions Keras names, applied as TensorFlow graph ops with
 * Keras's definitions and default parameters.
 *
 * <p>{@code hard_sigmoid} is two functions: Keras 3 computes {@code relu6(x + 3) / 6} ({@link
 * #HARD_SIGMOID}); Keras 2 and tf.keras compute {@code clip(0.2 x + 0.5, 0, 1)} ({@link
 * #HARD_SIGMOID_KERAS2}). Both are written {@code "hard_sigmoid"} in a config: {@link #byName}
 * gives Keras 3's, and a model file's reader picks by the Keras version that saved it.
 */
public enum ActivationFunction {
  /** Identity: {@code f(x) = x}. */
  LINEAR("linear"),
  /** {@code max(x, 0)}. */
  RELU("relu"),
  /** {@code min(max(x, 0), 6)}. */
  RELU6("relu6"),
  /** {@code x} for positive {@code x}, {@code 0.2 x} otherwise (Keras 3's default slope). */
  LEAKY_RELU("leaky_relu"),
  /** {@code x} for positive {@code x}, {@code exp(x) - 1} otherwise. */
  ELU("elu"),
  /** Scaled ELU with Keras's constants (alpha 1.67326324, scale 1.05070098). */
  SELU("selu"),
  /** The logistic function {@code 1 / (1 + exp(-x))}. */
  SIGMOID("sigmoid"),
  /** Keras 3's {@code relu6(x + 3) / 6}. */
  HARD_SIGMOID("hard_sigmoid"),
  /** Keras 2's {@code clip(0.2 x + 0.5, 0, 1)}, as files saved by Keras 2 were trained with. */
  HARD_SIGMOID_KERAS2("hard_sigmoid"),
  /** Hyperbolic tangent. */
  TANH("tanh"),
  /** {@code x / (1 + |x|)}. */
  SOFTSIGN("softsign"),
  /** {@code log(1 + exp(x))}. */
  SOFTPLUS("softplus"),
  /** {@code x * sigmoid(x)} (also called silu). */
  SWISH("swish"),
  /** {@code x * sigmoid(x)} under its other name. */
  SILU("silu"),
  /** {@code x * relu6(x + 3) / 6} (also called hard_swish). */
  HARD_SILU("hard_silu"),
  /** {@code x * tanh(softplus(x))}. */
  MISH("mish"),
  /** The exact GELU {@code 0.5 x (1 + erf(x / sqrt(2)))}, Keras's default (approximate=False). */
  GELU("gelu"),
  /** {@code exp(x)}. */
  EXPONENTIAL("exponential"),
  /** Softmax over the last axis. */
  SOFTMAX("softmax"),
  /** Log-softmax over the last axis. */
  LOG_SOFTMAX("log_softmax");

  private static final float SELU_ALPHA = 1.6732632423543772f;
  private static final float SELU_SCALE = 1.0507009873554805f;

  private final String kerasName;

  ActivationFunction(String kerasName) {
    this.kerasName = kerasName;
  }

  /**
   * The name Keras uses for this activation in a layer config.
   *
   * @return e.g. {@code tanh}
   */
  public String kerasName() {
    return kerasName;
  }

  /**
   * Looks an activation up by its Keras name ({@code null} or empty means linear, as in Keras;
   * {@code hard_swish} is {@code hard_silu}). {@code hard_sigmoid} is Keras 3's; see {@link
   * #byName(String, boolean)}.
   *
   * @param name the Keras name
   * @return the activation
   * @throws IllegalArgumentException naming the unknown activation and the supported ones
   */
  public static ActivationFunction byName(String name) {
    return byName(name, false);
  }

  /**
   * Looks an activation up by its Keras name as the given Keras generation defines it.
   *
   * @param name the Keras name
   * @param keras2 whether the name comes from a Keras 2 (or tf.keras) config, where {@code
   *     hard_sigmoid} is {@code clip(0.2 x + 0.5, 0, 1)}
   * @return the activation
   * @throws IllegalArgumentException naming the unknown activation and the supported ones
   */
  public static ActivationFunction byName(String name, boolean keras2) {
    if (name == null || name.isEmpty()) {
      return LINEAR;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    if (wanted.equals("hard_sigmoid")) {
      return keras2 ? HARD_SIGMOID_KERAS2 : HARD_SIGMOID;
    }
    if (wanted.equals("hard_swish")) {
      return HARD_SILU;
    }
    for (ActivationFunction a : values()) {
      if (a.kerasName.equals(wanted)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; supported: " + names());
  }

  /**
   * The Keras names of every supported activation.
   *
   * @return a comma-separated list
   */
  public static String names() {
    return Arrays.stream(values()).map(ActivationFunction::kerasName).distinct()
        .collect(Collectors.joining(", "));
  }

  /**
   * Applies this activation to {@code x}.
   *
   * @param tf the ops builder
   * @param x the pre-activation values
   * @return the activated values
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    switch (this) {
      case LINEAR:
        return x;
      case RELU:
        return tf.nn.relu(x);
      case RELU6:
        return tf.nn.relu6(x);
      case LEAKY_RELU:
        return tf.math.maximum(x, tf.math.mul(x, tf.constant(0.2f)));
      case ELU:
        return tf.nn.elu(x);
      case SELU:
        // Keras: scale * elu(x, alpha); written out so the constants are Keras's own.
        return tf.math.mul(tf.constant(SELU_SCALE), tf.select(tf.math.greater(x, tf.constant(0f)),
            x, tf.math.mul(tf.constant(SELU_ALPHA), tf.math.expm1(x))));
      case SIGMOID:
        return tf.math.sigmoid(x);
      case HARD_SIGMOID:
        return hardSigmoid(tf, x);
      case HARD_SIGMOID_KERAS2:
        return tf.clipByValue(tf.math.add(tf.math.mul(x, tf.constant(0.2f)), tf.constant(0.5f)),
            tf.constant(0f), tf.constant(1f));
      case TANH:
        return tf.math.tanh(x);
      case SOFTSIGN:
        return tf.nn.softsign(x);
      case SOFTPLUS:
        return tf.math.softplus(x);
      case SWISH:
      case SILU:
        return tf.math.mul(x, tf.math.sigmoid(x));
      case HARD_SILU:
        return tf.math.mul(x, hardSigmoid(tf, x));
      case MISH:
        return tf.math.mul(x, tf.math.tanh(tf.math.softplus(x)));
      case GELU:
        return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f),
            tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
      case EXPONENTIAL:
        return tf.math.exp(x);
      case SOFTMAX:
        return tf.nn.softmax(x);
      case LOG_SOFTMAX:
        return tf.nn.logSoftmax(x);
      default:
        throw new AssertionError(this);
    }
  }

  private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x) {
    return tf.math.div(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(6f));
  }
}
