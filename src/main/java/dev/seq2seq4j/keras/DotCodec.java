package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Dot;
import java.util.List;

/** Keras {@code Dot}: {@code axes} (an int or a pair), {@code normalize}; no variables. */
final class DotCodec implements LayerCodec<Dot> {
  @Override
  public String className() {
    return "Dot";
  }

  @Override
  public Class<Dot> layerClass() {
    return Dot.class;
  }

  @Override
  public Dot fromConfig(KerasConfig c, CodecContext ctx) {
    boolean normalize = c.bool("normalize", false);
    String name = c.string("name", null);
    JsonNode v = c.raw("axes");
    if (v == null || v.isNull()) {
      throw new UnsupportedKerasFeatureException(c.where() + " has no 'axes'");
    }
    if (v.isNumber()) {
      return new Dot(checked(c, c.integer("axes", -64, 64)), normalize, name);
    }
    long[] axes = c.longs("axes");
    if (axes.length != 2) {
      throw new UnsupportedKerasFeatureException(c.where() + ": 'axes' is " + v
          + "; Dot takes one axis or one per input");
    }
    return new Dot(checked(c, axes[0]), checked(c, axes[1]), normalize, name);
  }

  /** The batch axis 0 cannot be summed, and axes beyond a small rank mean a broken file. */
  private static int checked(KerasConfig c, long axis) {
    if (axis == 0 || axis < -64 || axis > 64) {
      throw new UnsupportedKerasFeatureException(c.where() + ": cannot take the dot product "
          + "along axis " + axis);
    }
    return (int) axis;
  }

  @Override
  public ObjectNode toConfig(Dot layer, KerasJson json) {
    ObjectNode c = json.base(layer);
    int[] axes = layer.axes();
    if (axes.length == 1) {
      c.put("axes", axes[0]);
    } else {
      c.putArray("axes").add(axes[0]).add(axes[1]);
    }
    c.put("normalize", layer.normalize());
    return c;
  }

  @Override
  public List<KerasVariable> variables(Dot layer) {
    return List.of();
  }
}
