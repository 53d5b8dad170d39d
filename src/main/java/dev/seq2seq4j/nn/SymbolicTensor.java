package dev.seq2seq4j.nn;

/**
 * A placeholder for a value in a model under construction (Keras's {@code KerasTensor}): the
 * output {@code index} of a layer {@link Node}, with a known per-sample shape and a dtype.
 */
public final class SymbolicTensor {
  private final Node producer;
  private final int index;
  private final long[] shape;
  private final DType dtype;

  SymbolicTensor(Node producer, int index, long[] shape, DType dtype) {
    this.producer = producer;
    this.index = index;
    this.shape = shape.clone();
    this.dtype = dtype;
  }

  /**
   * The element type (float32 everywhere but integer model inputs).
   *
   * @return the dtype
   */
  public DType dtype() {
    return dtype;
  }

  /** The layer application that produces this value. */
  public Node producer() {
    return producer;
  }

  /** Which output of the producing layer this is (an LSTM with return_state has three). */
  public int index() {
    return index;
  }

  /** The per-sample shape (without the batch dimension). */
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public String toString() {
    return producer.layer().name() + "[" + index + "] " + Shapes.withBatch(shape);
  }
}
