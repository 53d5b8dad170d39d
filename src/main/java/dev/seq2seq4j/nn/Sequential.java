package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras {@code Sequential}: a stack of single-output layers, each applied to the previous one's
 * output. Build one with {@link #builder(String)}.
 */
public final class Sequential extends Model {
  private Sequential(String name, SymbolicTensor input, SymbolicTensor output) {
    super(name, List.of(input), List.of(output));
  }

  /** Starts a Sequential model with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public boolean isSequential() {
    return true;
  }

  /** Adds layers to a {@link Sequential} model. */
  public static final class Builder {
    private final String name;
    private String inputName = "input";
    private DType inputDtype = DType.FLOAT32;
    private long[] inputShape;
    private final List<Layer> layers = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** The per-sample input shape, e.g. {@code input(4, 10)} (required). */
    public Builder input(long... shape) {
      this.inputShape = shape.clone();
      return this;
    }

    /** The input's name (default {@code input}). */
    public Builder inputName(String inputName) {
      this.inputName = inputName;
      return this;
    }

    /** The input's dtype (default float32; int32 for token indices). */
    public Builder inputDtype(DType dtype) {
      this.inputDtype = dtype;
      return this;
    }

    /** Appends a layer. */
    public Builder add(Layer layer) {
      layers.add(layer);
      return this;
    }

    /**
     * Builds the model, checking every layer against the shape it receives.
     *
     * @throws IllegalArgumentException if the input shape is missing, there are no layers, or a
     *     layer does not accept its input
     * @throws IllegalStateException if a layer has several outputs (use a functional model)
     */
    public Sequential build() {
      if (inputShape == null) {
        throw new IllegalArgumentException("Sequential '" + name + "' needs input(shape...)");
      }
      if (layers.isEmpty()) {
        throw new IllegalArgumentException("Sequential '" + name + "' has no layers");
      }
      SymbolicTensor in = InputLayer.input(inputName, inputDtype, inputShape);
      SymbolicTensor x = in;
      for (Layer l : layers) {
        x = l.apply(x);
      }
      return new Sequential(name, in, x);
    }
  }
}
