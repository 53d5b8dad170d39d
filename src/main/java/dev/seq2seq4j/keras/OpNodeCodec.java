package dev.seq2seq4j.keras;

import dev.seq2seq4j.nn.Layer;
import java.util.List;

/**
 * A codec for one of Keras 3's op nodes (module {@code keras.src.ops.numpy}): a function such as
 * {@code ops.not_equal} or {@code ops.any} that a functional model recorded as a node with a
 * registered name and no weights. One layer class stands for several ops, told apart by a kind.
 *
 * @param <L> the layer type
 */
abstract class OpNodeCodec<L extends Layer> implements LayerCodec<L> {
  private final String kerasClass;
  private final Class<L> layerClass;

  /**
   * @param kerasClass the op's Keras class and registered name ({@code NotEqual}, ...)
   * @param layerClass the native layer that computes it
   */
  OpNodeCodec(String kerasClass, Class<L> layerClass) {
    this.kerasClass = kerasClass;
    this.layerClass = layerClass;
  }

  /**
   * Whether {@code layer} computes this codec's op (and not another kind of the same layer).
   *
   * @param layer the layer
   * @return true if this codec writes it
   */
  abstract boolean isThisOp(L layer);

  @Override
  public final String className() {
    return kerasClass;
  }

  @Override
  public final Class<L> layerClass() {
    return layerClass;
  }

  @Override
  public final boolean writes(L layer) {
    return isThisOp(layer);
  }

  @Override
  public final String module() {
    return "keras.src.ops.numpy";
  }

  @Override
  public final String registeredName() {
    return kerasClass;
  }

  @Override
  public final List<KerasVariable> variables(L layer) {
    return List.of();
  }
}
