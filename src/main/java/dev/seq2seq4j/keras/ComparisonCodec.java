package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.ops.Comparison;

/**
 * Keras 3's {@code NotEqual} and {@code Equal} op nodes (module {@code keras.src.ops.numpy}),
 * called with a tensor and a constant ({@code ops.not_equal(x, 0)}), as Keras records masks.
 */
final class ComparisonCodec extends OpNodeCodec<Comparison> {
  private final Comparison.Kind kind;

  ComparisonCodec(Comparison.Kind kind) {
    super(kind.kerasClass(), Comparison.class);
    this.kind = kind;
  }

  @Override
  boolean isThisOp(Comparison layer) {
    return layer.kind() == kind;
  }

  @Override
  public Comparison fromConfig(KerasConfig c, CodecContext ctx) {
    throw new UnsupportedKerasFeatureException(c.where() + " is an op node without a call");
  }

  @Override
  public Comparison fromNode(KerasConfig c, JsonNode node, CodecContext ctx) {
    JsonNode args = node.path("args");
    if (!args.isArray() || args.size() != 2 || !args.get(1).isNumber()) {
      throw new UnsupportedKerasFeatureException(c.where() + " compares " + args
          + "; only a tensor against a number is supported");
    }
    return new Comparison(kind, args.get(1).asDouble(), c.string("name", null));
  }

  @Override
  public void appendArguments(Comparison layer, ArrayNode args) {
    double v = layer.constant();
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      args.add((long) v);
    } else {
      args.add(v);
    }
  }

  @Override
  public ObjectNode toConfig(Comparison layer, KerasJson json) {
    ObjectNode c = json.object();
    c.put("name", layer.name());
    return c;
  }
}
