package dev.seq2seq4j.interop.savedmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * One signature of a SavedModel as its MetaGraphDef declares it: named inputs and outputs with
 * their dtypes and shapes.
 *
 * @param name signature key, e.g. {@code serving_default}
 * @param methodName the SignatureDef's method name, e.g. {@code tensorflow/serving/predict}
 * @param inputs input specs, sorted by name
 * @param outputs output specs, sorted by name
 */
public record SignatureInfo(String name, String methodName, List<Spec> inputs, List<Spec> outputs) {

  /**
   * Makes the lists unmodifiable.
   *
   * @param name signature key
   * @param methodName the SignatureDef's method name
   * @param inputs input specs
   * @param outputs output specs
   */
  public SignatureInfo {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Reads a SignatureDef.
   *
   * @param name the signature's key in the MetaGraphDef
   * @param def the SignatureDef
   * @return its description
   */
  public static SignatureInfo from(String name, SignatureDef def) {
    return new SignatureInfo(
        name, def.getMethodName(), specs(def.getInputsMap()), specs(def.getOutputsMap()));
  }

  private static List<Spec> specs(Map<String, TensorInfo> map) {
    List<Spec> specs = new ArrayList<>();
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> specs.add(Spec.from(e.getKey(), e.getValue())));
    return specs;
  }

  /**
   * Finds an input by name.
   *
   * @param inputName the signature's input key
   * @return the spec, if the signature has that input
   */
  public Optional<Spec> input(String inputName) {
    return inputs.stream().filter(s -> s.name().equals(inputName)).findFirst();
  }

  /**
   * Returns the input names.
   *
   * @return input names in order
   */
  public List<String> inputNames() {
    return inputs.stream().map(Spec::name).toList();
  }

  /**
   * Returns the output names.
   *
   * @return output names in order
   */
  public List<String> outputNames() {
    return outputs.stream().map(Spec::name).toList();
  }

  @Override
  public String toString() {
    return name + inputs + " -> " + outputs;
  }

  /**
   * One input or output of a signature.
   *
   * @param name the key callers use (e.g. {@code input}, {@code output_0})
   * @param tensorName the graph tensor behind it (e.g. {@code serving_default_input:0})
   * @param dtype TensorFlow dtype name without the {@code DT_} prefix, e.g. {@code FLOAT}
   * @param shape dimension sizes, -1 for unknown; {@code null} when even the rank is unknown
   */
  public record Spec(String name, String tensorName, String dtype, long[] shape) {

    static Spec from(String name, TensorInfo info) {
      String dtype = info.getDtype().name().replaceFirst("^DT_", "");
      long[] shape = null;
      if (info.hasTensorShape() && !info.getTensorShape().getUnknownRank()) {
        shape = info.getTensorShape().getDimList().stream()
            .mapToLong(TensorShapeProto.Dim::getSize)
            .toArray();
      }
      return new Spec(name, info.getName(), dtype, shape);
    }

    /**
     * Returns the shape.
     *
     * @return a copy of the dimension sizes (-1 for unknown), or {@code null} for unknown rank
     */
    @Override
    public long[] shape() {
      return shape == null ? null : shape.clone();
    }

    /**
     * Tells whether the rank is known.
     *
     * @return true when the rank is known
     */
    public boolean hasKnownRank() {
      return shape != null;
    }

    /**
     * Whether a concrete shape fits this spec (same rank, equal wherever this spec is known).
     *
     * @param given concrete dimension sizes
     * @return true if compatible
     */
    public boolean accepts(long[] given) {
      if (shape == null) {
        return true;
      }
      if (given.length != shape.length) {
        return false;
      }
      for (int i = 0; i < shape.length; i++) {
        if (shape[i] >= 0 && shape[i] != given[i]) {
          return false;
        }
      }
      return true;
    }

    /**
     * Formats the shape for messages.
     *
     * @return e.g. {@code [?, 4, 10]}, with {@code ?} for unknown dimensions
     */
    public String shapeText() {
      if (shape == null) {
        return "<unknown rank>";
      }
      return Arrays.toString(Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Long.toString(d))
          .toArray());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec other
          && name.equals(other.name)
          && tensorName.equals(other.tensorName)
          && dtype.equals(other.dtype)
          && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
      return name + ":" + dtype + shapeText();
    }
  }
}
