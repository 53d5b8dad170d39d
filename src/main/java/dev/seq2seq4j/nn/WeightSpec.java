package dev.seq2seq4j.nn;

import java.util.Arrays;

/**
 * One weight a layer owns: its short name inside the layer ({@code kernel}, {@code
 * recurrent_kernel}, {@code bias}), its shape and how it starts.
 */
public final class WeightSpec {
  private final String name;
  private final long[] shape;
  private final Initializer initializer;
  private final boolean trainable;

  /** Describes a trainable weight. */
  public WeightSpec(String name, long[] shape, Initializer initializer) {
    this(name, shape, initializer, true);
  }

  /** Describes a weight, trainable or not. */
  public WeightSpec(String name, long[] shape, Initializer initializer, boolean trainable) {
    this.name = name;
    this.shape = shape.clone();
    this.initializer = initializer;
    this.trainable = trainable;
  }

  /** The weight's name inside its layer, e.g. {@code kernel}. */
  public String name() {
    return name;
  }

  /** The weight's shape (a copy). */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * The number of scalars in the weight, exact even beyond what one Java array holds (capped at
   * {@link Long#MAX_VALUE}), so that a mistyped size reaches the training budget's message that
   * names the limit instead of failing while it is counted.
   */
  public long size() {
    return Shapes.saturatedSize(shape);
  }

  /** How the weight's initial values are drawn. */
  public Initializer initializer() {
    return initializer;
  }

  /** Whether the optimizer updates this weight. */
  public boolean trainable() {
    return trainable;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
