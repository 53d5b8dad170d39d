package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.conv.GlobalAveragePooling1D;
import dev.seq2seq4j.nn.conv.GlobalMaxPooling1D;
import dev.seq2seq4j.nn.conv.GlobalPooling1D;
import java.util.List;

/**
 * Keras {@code GlobalAveragePooling1D} and {@code GlobalMaxPooling1D}, one codec per class:
 * {@code keepdims}; no variables; {@code channels_first} is refused.
 *
 * @param <L> the native layer class
 */
abstract class GlobalPooling1DCodec<L extends GlobalPooling1D> implements LayerCodec<L> {
  /** Keras {@code GlobalAveragePooling1D}. */
  static final class Average extends GlobalPooling1DCodec<GlobalAveragePooling1D> {
    @Override
    public String className() {
      return "GlobalAveragePooling1D";
    }

    @Override
    public Class<GlobalAveragePooling1D> layerClass() {
      return GlobalAveragePooling1D.class;
    }

    @Override
    GlobalAveragePooling1D create(boolean keepDims, String name) {
      return new GlobalAveragePooling1D(keepDims, name);
    }
  }

  /** Keras {@code GlobalMaxPooling1D}. */
  static final class Max extends GlobalPooling1DCodec<GlobalMaxPooling1D> {
    @Override
    public String className() {
      return "GlobalMaxPooling1D";
    }

    @Override
    public Class<GlobalMaxPooling1D> layerClass() {
      return GlobalMaxPooling1D.class;
    }

    @Override
    GlobalMaxPooling1D create(boolean keepDims, String name) {
      return new GlobalMaxPooling1D(keepDims, name);
    }
  }

  /** Makes the native layer. */
  abstract L create(boolean keepDims, String name);

  @Override
  public L fromConfig(KerasConfig c, CodecContext ctx) {
    SpatialOptions.requireChannelsLast(c);
    return create(c.bool("keepdims", false), c.string("name", null));
  }

  @Override
  public ObjectNode toConfig(L layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    c.put("data_format", "channels_last");
    c.put("keepdims", layer.keepDims());
    return c;
  }

  @Override
  public List<KerasVariable> variables(L layer) {
    return List.of();
  }
}
