package dev.seq2seq4j.interop.parity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code parity.json} that python-export writes beside each SavedModel: what Keras built,
 * which signature it exported, and probe inputs with the outputs the exported SavedModel
 * computed for them. Java must reproduce those outputs.
 *
 * @param recipe recipe name, e.g. {@code addition-seq2seq}
 * @param seed the seed the Python run used
 * @param versions tensorflow, keras, python and numpy versions of the Python run
 * @param modelConfig the Keras model config ({@code model.to_json()})
 * @param weights the model's weights in {@code model.weights} order
 * @param signature the exported {@code serving_default} signature as Python read it back
 * @param probes probe inputs and the outputs the SavedModel computed for them
 * @param training results of the Python training run
 * @param evaluationData how the evaluation set was drawn
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ParityFile(
    String recipe,
    long seed,
    Map<String, String> versions,
    @JsonProperty("model_config") JsonNode modelConfig,
    List<Weight> weights,
    Signature signature,
    Probes probes,
    Training training,
    @JsonProperty("evaluation_data") JsonNode evaluationData) {

  /** The file name python-export writes. */
  public static final String FILE_NAME = "parity.json";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  /**
   * Reads {@code parity.json} from a SavedModel folder.
   *
   * @param savedModelDir the folder holding the SavedModel and its parity.json
   * @return the parsed file
   * @throws UncheckedIOException if the file is missing or malformed (the message names it)
   */
  public static ParityFile read(Path savedModelDir) {
    Path file = savedModelDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new IOException("No " + FILE_NAME + " in " + savedModelDir));
    }
    return readFile(file);
  }

  /**
   * Reads a parity file at any path (e.g. one written by {@code reference_outputs.py}).
   *
   * @param file the JSON file
   * @return the parsed file
   * @throws UncheckedIOException if the file is missing or malformed (the message names it)
   */
  public static ParityFile readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new IOException("reference file not found: " + file));
    }
    try {
      return MAPPER.readValue(file.toFile(), ParityFile.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("reference file " + file + " is not a parity file: "
          + KerasJson.describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * One model weight.
   *
   * @param layer the Keras layer that owns it
   * @param path Keras variable path, e.g. {@code lstm/lstm_cell/kernel}
   * @param shape its shape
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Weight(String layer, String path, long[] shape) {}

  /**
   * The exported signature as Python's {@code tf.saved_model.load} reports it.
   *
   * @param name signature key
   * @param inputs input specs
   * @param outputs output specs
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Signature(String name, List<TensorSpec> inputs, List<TensorSpec> outputs) {}

  /**
   * An input or output spec; {@code null} entries in {@code shape} are unknown dimensions.
   *
   * @param name input or output key
   * @param dtype dtype name as Python prints it, e.g. {@code float32}
   * @param shape dimension sizes, {@code null} for unknown ones
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TensorSpec(String name, String dtype, List<Long> shape) {

    /**
     * Returns the shape in the form {@link
     * dev.seq2seq4j.interop.savedmodel.SignatureInfo.Spec} uses.
     *
     * @return dimension sizes with -1 for unknown ones
     */
    public long[] shapeOrMinusOne() {
      return shape.stream().mapToLong(d -> d == null ? -1 : d).toArray();
    }
  }

  /**
   * Probe inputs and the outputs the exported SavedModel computed for them.
   *
   * @param inputs keyed by signature input name
   * @param outputs keyed by signature output name
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Probes(Map<String, ProbeTensor> inputs, Map<String, ProbeTensor> outputs) {

    /**
     * Returns the probe inputs.
     *
     * @return arrays ready for {@link
     *     dev.seq2seq4j.interop.savedmodel.SavedModelRunner#run(String, java.util.Map)}, by
     *     input name
     */
    public Map<String, FloatBlock> inputArrays() {
      return toArrays(inputs);
    }

    /**
     * Returns the outputs the SavedModel computed in Python.
     *
     * @return expected arrays by output name
     */
    public Map<String, FloatBlock> outputArrays() {
      return toArrays(outputs);
    }

    private static Map<String, FloatBlock> toArrays(Map<String, ProbeTensor> tensors) {
      Map<String, FloatBlock> map = new LinkedHashMap<>();
      tensors.forEach((k, v) -> map.put(k, v.toBlock()));
      return map;
    }
  }

  /**
   * A tensor as stored in the file: shape plus flat row-major values.
   *
   * @param shape dimension sizes
   * @param data values; each is a float32 written at full precision, so the narrowing to
   *     float below is exact
   * @param dtype {@code int32} for integer inputs (an Embedding's indices), else {@code null}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record ProbeTensor(long[] shape, double[] data, String dtype) {

    /**
     * A float32 tensor.
     *
     * @param shape dimension sizes
     * @param data values
     */
    public ProbeTensor(long[] shape, double[] data) {
      this(shape, data, null);
    }

    /**
     * Converts to a float32 array.
     *
     * @return the same values as float32
     */
    public FloatBlock toBlock() {
      float[] f = new float[data.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) data[i];
      }
      return FloatBlock.wrap(f, shape);
    }
  }

  /**
   * Results of the Python training run; fields a recipe does not measure are {@code null}.
   *
   * @param loss final training loss
   * @param valLoss final validation loss (Karakaya recipes)
   * @param accuracy final training accuracy metric as Keras reports it
   * @param epochsRun epochs actually run (early stopping can end sooner)
   * @param trainSeconds wall-clock training time
   * @param trainAccuracy per-position argmax accuracy on the training set (Karakaya)
   * @param testAccuracy per-position argmax accuracy on the test set (Karakaya)
   * @param exactMatchAccuracy fraction of whole sequences predicted exactly
   * @param rmse RMSE of inverted values (mapping models)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Training(
      Double loss,
      @JsonProperty("val_loss") Double valLoss,
      Double accuracy,
      @JsonProperty("epochs_run") Integer epochsRun,
      @JsonProperty("train_seconds") Double trainSeconds,
      @JsonProperty("train_accuracy") Double trainAccuracy,
      @JsonProperty("test_accuracy") Double testAccuracy,
      @JsonProperty("exact_match_accuracy") Double exactMatchAccuracy,
      Double rmse) {}
}
