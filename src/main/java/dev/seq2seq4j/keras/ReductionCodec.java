package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.ops.Reduction;

/**
 * Keras 3's {@code Any} and {@code All} op nodes over one axis ({@code ops.any(m, axis=-1)}),
 * as Keras records a Masking layer's mask.
 */
final class ReductionCodec extends OpNodeCodec<Reduction> {
  private final Reduction.Kind kind;

  ReductionCodec(Reduction.Kind kind) {
    super(kind.kerasClass(), Reduction.class);
    this.kind = kind;
  }

  @Override
  boolean isThisOp(Reduction layer) {
    return layer.kind() == kind;
  }

  @Override
  public Reduction fromConfig(KerasConfig c, CodecContext ctx) {
    JsonNode axis = c.raw("axis");
    if (axis != null && axis.isArray() && axis.size() == 1) {
      axis = axis.get(0);
    }
    if (axis == null || !axis.canConvertToInt()) {
      throw new UnsupportedKerasFeatureException(c.where() + " reduces over axis " + axis
          + "; only one axis is supported");
    }
    try {
      return new Reduction(kind, axis.asInt(), c.bool("keepdims", false), c.string("name", null));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(c.where() + ": " + e.getMessage());
    }
  }

  @Override
  public ObjectNode toConfig(Reduction layer, KerasJson json) {
    ObjectNode c = json.object();
    c.put("axis", layer.axis());
    c.put("keepdims", layer.keepDims());
    return c;
  }
}
