package dev.seq2seq4j.nn.conv;

import java.util.Locale;

/**
 * How a 1-D convolution or pooling window treats the sequence's ends, with Keras's names and
 * TensorFlow's output lengths.
 */
public enum Padding {
  /** No padding: only windows that fit inside the sequence. */
  VALID,
  /**
   * TensorFlow's {@code SAME}: {@code ceil(steps / strides)} outputs, the padding split with the
   * smaller half on the left.
   */
  SAME,
  /** Convolution only: pad {@code dilation * (kernel - 1)} zeros on the left, then valid. */
  CAUSAL;

  /**
   * The Keras name.
   *
   * @return {@code valid}, {@code same} or {@code causal}
   */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The padding a Keras name stands for (case-insensitive, as Keras reads it).
   *
   * @param name e.g. {@code same}
   * @return the padding
   * @throws IllegalArgumentException for anything else
   */
  public static Padding byName(String name) {
    for (Padding p : values()) {
      if (p.kerasName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown padding '" + name + "': use valid, same or causal");
  }

  /**
   * The number of outputs of a window sliding over a sequence, as TensorFlow counts them.
   *
   * @param steps the sequence length
   * @param window the window's extent, {@code dilation * (size - 1) + 1}
   * @param strides the step between windows
   * @return the output length (at most 0 when a valid window does not fit)
   */
  public long outputLength(long steps, long window, long strides) {
    return switch (this) {
      case VALID -> steps < window ? 0 : (steps - window) / strides + 1;
      // Causal pads window - 1 on the left, which leaves as many outputs as SAME.
      case SAME, CAUSAL -> (steps + strides - 1) / strides;
    };
  }
}
