package dev.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Embedding;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.GRU;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras 1 configs read with Keras 2's renames ({@code keras/legacy/interfaces.py}): the options
 * that change the maths arrive under their Keras 2 names, and what seq2seq4j does not know is
 * refused by name, never dropped.
 */
class Keras1ConfigsTest {
  private static final KerasVersion KERAS_1 = KerasVersion.parse("1.2.2");

  private static KerasModel read(String layers) {
    JsonNode config = KerasJson.parse(("{\"class_name\": \"Sequential\", \"config\": [" + layers
        + "]}").getBytes(StandardCharsets.UTF_8), "test");
    return KerasTopology.read(config, KERAS_1, Map.of());
  }

  private static void assertRefused(String layers, String... fragments) {
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> read(layers));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  private static final String EMBEDDING = "{\"class_name\": \"Embedding\", \"config\": {"
      + "\"name\": \"embedding_1\", \"input_dim\": 7, \"output_dim\": 5, \"input_length\": 4, "
      + "\"input_dtype\": \"int32\", \"mask_zero\": true, \"init\": \"uniform\", "
      + "\"W_regularizer\": null, \"W_constraint\": null, \"activity_regularizer\": null, "
      + "\"dropout\": 0.1, \"trainable\": true}}";

  private static String recurrent(String cls, String extra) {
    return "{\"class_name\": \"" + cls + "\", \"config\": {\"name\": \"" + cls.toLowerCase()
        + "_1\", \"output_dim\": 3, \"init\": \"glorot_uniform\", \"inner_init\": \"orthogonal\","
        + " \"activation\": \"tanh\", \"W_regularizer\": null, \"U_regularizer\": null, "
        + "\"b_regularizer\": null, \"dropout_W\": 0.25, \"dropout_U\": 0.5, "
        + "\"return_sequences\": true, \"go_backwards\": false, \"stateful\": false, "
        + "\"unroll\": false, \"input_dim\": 5, \"input_length\": null, \"trainable\": true"
        + extra + "}}";
  }

  private static final String TIME_DISTRIBUTED_DENSE = "{\"class_name\": \"TimeDistributed\", "
      + "\"config\": {\"name\": \"td\", \"trainable\": true, \"layer\": {\"class_name\": "
      + "\"Dense\", \"config\": {\"name\": \"dense_1\", \"output_dim\": 2, \"init\": "
      + "\"glorot_uniform\", \"activation\": \"softmax\", \"bias\": false, \"input_dim\": 3, "
      + "\"W_regularizer\": null, \"b_regularizer\": null, \"W_constraint\": null, "
      + "\"b_constraint\": null, \"activity_regularizer\": null, \"trainable\": true}}}}";

  @Test
  void keras1OptionsArriveUnderTheirKeras2Names() {
    KerasModel m = read(String.join(", ", EMBEDDING,
        recurrent("LSTM", ", \"inner_activation\": \"hard_sigmoid\", \"consume_less\": \"gpu\","
            + " \"forget_bias_init\": \"one\""),
        recurrent("GRU", ", \"inner_activation\": \"sigmoid\", \"consume_less\": \"mem\""),
        TIME_DISTRIBUTED_DENSE));
    List<Layer> layers = m.layers();
    Embedding e = (Embedding) layers.get(0);
    assertEquals(List.of(7, 5, true), List.of(e.inputDim(), e.outputDim(), e.maskZero()));
    assertEquals(List.of(4L), java.util.Arrays.stream(m.model().inputs().get(0).shape()).boxed()
        .toList(), "input_length is the first layer's input shape");
    LSTM lstm = (LSTM) layers.get(1);
    assertEquals(3, lstm.units());
    assertEquals(ActivationFunction.HARD_SIGMOID_KERAS2, lstm.cell().recurrentActivation());
    assertEquals(List.of(0.25f, 0.5f, true), List.of(lstm.dropout(), lstm.recurrentDropout(),
        lstm.returnSequences()));
    GRU gru = (GRU) layers.get(2);
    assertEquals(ActivationFunction.SIGMOID, gru.cell().recurrentActivation());
    assertFalse(gru.cell().resetAfter(), "Keras 1's GRU applies the reset gate before U_h");
    Dense dense = (Dense) ((TimeDistributed) layers.get(3)).inner();
    assertEquals(List.of(2, false), List.of(dense.units(), dense.useBias()));
    assertTrue(m.notes().stream().anyMatch(n -> n.contains("Embedding dropout")), m.notes()
        .toString());
  }

  @Test
  void aMissingInnerActivationIsKeras1sHardSigmoid() {
    KerasModel m = read(recurrent("LSTM", ", \"batch_input_shape\": [null, 4, 5]"));
    assertEquals(ActivationFunction.HARD_SIGMOID_KERAS2,
        ((LSTM) m.layers().get(0)).cell().recurrentActivation());
    assertEquals("lstm_1_input", m.model().inputNames().get(0));
  }

  @Test
  void whatSeq2seq4jDoesNotKnowInKeras1IsRefusedByName() {
    assertRefused(recurrent("LSTM", ", \"stateful\": true, \"batch_input_shape\": [2, 4, 5]")
        .replace("\"stateful\": false, ", ""), "stateful");
    assertRefused(recurrent("LSTM", ", \"consume_less\": \"fast\""), "consume_less", "fast");
    assertRefused(recurrent("SimpleRNN", ", \"W_learning_rate_multiplier\": 2"),
        "Keras 1 SimpleRNN 'simplernn_1'", "W_learning_rate_multiplier");
    assertRefused("{\"class_name\": \"Merge\", \"config\": {\"name\": \"m\", \"mode\": \"sum\"}}",
        "Keras 1 Merge 'm'", "Concatenate");
    assertRefused("{\"class_name\": \"Convolution1D\", \"config\": {\"name\": \"c\"}}",
        "Convolution1D", "Theano");
    assertRefused("{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"bn\", "
        + "\"mode\": 0}}", "BatchNormalization 'bn'");
    assertRefused("{\"class_name\": \"Highway\", \"config\": {\"name\": \"h\"}}",
        "Keras 1 Highway 'h' is not supported", "LSTM");
  }

  /** Refused for its code, before Keras 1's renames could call it merely unknown. */
  @Test
  void aKeras1LambdaIsRefusedAsCode() {
    assertRefused("{\"class_name\": \"Lambda\", \"config\": {\"name\": \"lambda_1\", "
        + "\"function\": [\"4wEAAAAAAAAA\", null, null], \"function_type\": \"lambda\", "
        + "\"output_shape\": null, \"arguments\": {}, \"trainable\": true}}",
        "Lambda 'lambda_1' holds Python code");
  }
}
