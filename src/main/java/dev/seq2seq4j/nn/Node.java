package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One application of a layer to symbolic inputs, producing symbolic outputs. */
public final class Node {
  private final Layer layer;
  private final List<SymbolicTensor> inputs;
  private final List<SymbolicTensor> masks;
  private final List<SymbolicTensor> outputs;

  Node(Layer layer, List<SymbolicTensor> inputs, List<SymbolicTensor> masks,
      List<long[]> outputShapes, List<DType> dtypes) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    this.masks = Collections.unmodifiableList(new ArrayList<>(masks));
    List<SymbolicTensor> outs = new ArrayList<>();
    for (int i = 0; i < outputShapes.size(); i++) {
      outs.add(new SymbolicTensor(this, i, outputShapes.get(i), dtypes.get(i)));
    }
    this.outputs = Collections.unmodifiableList(outs);
  }

  /** The layer applied. */
  public Layer layer() {
    return layer;
  }

  /** The values the layer was applied to (for an LSTM with initial state: x, h, c). */
  public List<SymbolicTensor> inputs() {
    return inputs;
  }

  /**
   * Masks passed explicitly with the inputs (Keras's {@code layer(x, mask=m)}), which take the
   * place of the masks the inputs carry.
   *
   * @return one entry per input, {@code null} where none was passed
   */
  public List<SymbolicTensor> masks() {
    return masks;
  }

  /**
   * Every tensor this application reads: its inputs, then any explicit masks.
   *
   * @return the inputs and masks
   */
  public List<SymbolicTensor> dependencies() {
    List<SymbolicTensor> all = new ArrayList<>(inputs);
    for (SymbolicTensor m : masks) {
      if (m != null) {
        all.add(m);
      }
    }
    return all;
  }

  /** What the application produced. */
  public List<SymbolicTensor> outputs() {
    return outputs;
  }
}
