package dev.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.rnn.Bidirectional;
import dev.seq2seq4j.nn.rnn.GRU;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CuDNNLSTM and CuDNNGRU configs become the plain layers that compute the same, and their
 * weights are converted as Keras 2's {@code _convert_rnn_weights} converted them (checked on
 * small hand-worked blocks here; against tf_keras in {@code CudnnFilesTest}).
 */
class CudnnLayersTest {
  private static KerasModel read(String layer) {
    JsonNode config = KerasJson.parse(("{\"class_name\": \"Sequential\", \"config\": {\"name\":"
        + " \"s\", \"layers\": [" + layer + "]}}").getBytes(StandardCharsets.UTF_8), "test");
    return KerasTopology.read(config, KerasVersion.parse("2.2.4"), Map.of());
  }

  @Test
  void cudnnConfigsAreReadAsThePlainLayers() {
    KerasModel m = read("{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"bi\", "
        + "\"layer\": {\"class_name\": \"CuDNNGRU\", \"config\": {\"name\": \"g\", \"units\": 3,"
        + " \"return_sequences\": true}}, \"merge_mode\": \"concat\", "
        + "\"batch_input_shape\": [null, 4, 2]}}");
    GRU gru = (GRU) ((Bidirectional) m.layers().get(0)).forwardLayer();
    assertTrue(gru.cell().resetAfter(), "cuDNN's GRU applies the reset gate after U_h");
    assertEquals(ActivationFunction.SIGMOID, gru.cell().recurrentActivation());
    assertTrue(m.notes().stream().anyMatch(n -> n.contains("CuDNNGRU 'g' is read as GRU")),
        m.notes().toString());
    LSTM lstm = (LSTM) read("{\"class_name\": \"CuDNNLSTM\", \"config\": {\"name\": \"l\", "
        + "\"units\": 2, \"batch_input_shape\": [null, 4, 2]}}").layers().get(0);
    assertEquals(ActivationFunction.SIGMOID, lstm.cell().recurrentActivation());
    assertTrue(lstm.cell().useBias());
  }

  @Test
  void cudnnLstmWeightsAreReorderedAndTheirBiasesAdded() {
    LSTM lstm = LSTM.builder(1).name("l").build();
    // inputs 2, units 1, four gates: each gate's (2, 1) block is its own flat buffer, unchanged
    // by the (units, inputs) reading; the recurrent (1, 1) blocks too.
    FloatBlock kernel = FloatBlock.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
    FloatBlock recurrent = FloatBlock.wrap(new float[] {1, 2, 3, 4}, 1, 4);
    FloatBlock bias = FloatBlock.wrap(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 8);
    List<FloatBlock> plain = CudnnWeights.toPlain(lstm, List.of(kernel, recurrent, bias), "f",
        "l");
    assertArrayEquals(kernel.data(), plain.get(0).data());
    assertArrayEquals(new float[] {11, 22, 33, 44}, plain.get(2).data());
  }

  @Test
  void cudnnGruKernelsAreReadBackFromCudnnBuffers() {
    GRU gru = GRU.builder(2).resetAfter(true).name("g").build();
    // inputs 3, units 2: the first gate's block [[0, 1], [2, 3], [4, 5]] is cuDNN's (2, 3)
    // buffer [[0, 1, 2], [3, 4, 5]], whose plain kernel is its transpose [[0, 3], [1, 4], [2, 5]].
    float[] k = new float[18];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 6; j++) {
        k[i * 6 + j] = j < 2 ? i * 2 + j : 100;
      }
    }
    float[] r = new float[12];
    r[1] = 7; // recurrent (0, 1) of the first gate becomes (1, 0)
    List<FloatBlock> plain = CudnnWeights.toPlain(gru, List.of(FloatBlock.wrap(k, 3, 6),
        FloatBlock.wrap(r, 2, 6), FloatBlock.wrap(new float[12], 12)), "f", "g");
    float[] kp = plain.get(0).data();
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, new float[] {kp[0], kp[1], kp[6], kp[7],
        kp[12], kp[13]});
    assertEquals(7, plain.get(1).data()[6]);
    assertArrayEquals(new long[] {2, 6}, plain.get(2).shape());
  }

  @Test
  void cudnnGruWeightsNeedResetAfter() {
    GRU gru = GRU.builder(1).resetAfter(false).name("g").build();
    KerasFileException e = assertThrows(KerasFileException.class, () -> CudnnWeights.toPlain(gru,
        List.of(FloatBlock.wrap(new float[3], 1, 3), FloatBlock.wrap(new float[3], 1, 3),
            FloatBlock.wrap(new float[6], 6)), "f", "g"));
    assertTrue(e.getMessage().contains("reset_after=True"), e.getMessage());
  }

  /** stateful keeps its meaning through the translation, and its refusal by name. */
  @Test
  void aStatefulCudnnLayerIsRefusedByName() {
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> read("{\"class_name\": \"CuDNNLSTM\", \"config\": {\"name\": \"l\", "
            + "\"units\": 2, \"stateful\": true, \"batch_input_shape\": [4, 3, 2]}}"));
    assertTrue(e.getMessage().contains("'l' is stateful, which is not supported"),
        e.getMessage());
  }
}
