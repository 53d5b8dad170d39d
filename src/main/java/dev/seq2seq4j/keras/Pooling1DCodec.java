package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.conv.AveragePooling1D;
import dev.seq2seq4j.nn.conv.MaxPooling1D;
import dev.seq2seq4j.nn.conv.Padding;
import dev.seq2seq4j.nn.conv.Pooling1D;
import java.util.List;

/**
 * Keras {@code MaxPooling1D} and {@code AveragePooling1D}, one codec per class: {@code
 * pool_size} (default 2), {@code strides} (default {@code pool_size}), {@code padding} (valid or
 * same); no variables; {@code channels_first} is refused.
 *
 * @param <L> the native layer class
 */
abstract class Pooling1DCodec<L extends Pooling1D> implements LayerCodec<L> {
  /** Keras {@code MaxPooling1D}. */
  static final class Max extends Pooling1DCodec<MaxPooling1D> {
    @Override
    public String className() {
      return "MaxPooling1D";
    }

    @Override
    public Class<MaxPooling1D> layerClass() {
      return MaxPooling1D.class;
    }

    @Override
    MaxPooling1D create(int poolSize, int strides, Padding padding, String name) {
      return new MaxPooling1D(poolSize, strides, padding, name);
    }
  }

  /** Keras {@code AveragePooling1D}. */
  static final class Average extends Pooling1DCodec<AveragePooling1D> {
    @Override
    public String className() {
      return "AveragePooling1D";
    }

    @Override
    public Class<AveragePooling1D> layerClass() {
      return AveragePooling1D.class;
    }

    @Override
    AveragePooling1D create(int poolSize, int strides, Padding padding, String name) {
      return new AveragePooling1D(poolSize, strides, padding, name);
    }
  }

  /** Makes the native layer. */
  abstract L create(int poolSize, int strides, Padding padding, String name);

  @Override
  public L fromConfig(KerasConfig c, CodecContext ctx) {
    SpatialOptions.requireChannelsLast(c);
    int poolSize = SpatialOptions.size(c, "pool_size", 2);
    return create(poolSize, SpatialOptions.size(c, "strides", poolSize),
        SpatialOptions.padding(c, false), c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(L layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    SpatialOptions.putSize(c, "pool_size", layer.poolSize());
    c.put("padding", layer.padding().kerasName());
    SpatialOptions.putSize(c, "strides", layer.strides());
    c.put("data_format", "channels_last");
    return c;
  }

  @Override
  public List<KerasVariable> variables(L layer) {
    return List.of();
  }
}
