package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.nn.Model;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo model rebuilt natively has Keras's parameter counts, total and trainable (the rest
 * are BatchNormalization's moving statistics), and its summary prints them as Keras does.
 */
class ZooParameterCountTest {
  /**
   * Keras 3.8's own counts for each zoo model loaded from its {@code .keras} file: {@code
   * count_params()} and the sizes of its trainable weights.
   */
  private static final Map<String, long[]> KERAS_PARAMS = Map.ofEntries(
      Map.entry("act_elu", new long[] {47, 47}),
      Map.entry("act_exponential", new long[] {47, 47}),
      Map.entry("act_gelu", new long[] {47, 47}),
      Map.entry("act_hard_sigmoid", new long[] {47, 47}),
      Map.entry("act_linear", new long[] {47, 47}),
      Map.entry("act_relu", new long[] {47, 47}),
      Map.entry("act_selu", new long[] {47, 47}),
      Map.entry("act_sigmoid", new long[] {47, 47}),
      Map.entry("act_silu", new long[] {47, 47}),
      Map.entry("act_softmax", new long[] {47, 47}),
      Map.entry("act_softplus", new long[] {47, 47}),
      Map.entry("act_softsign", new long[] {47, 47}),
      Map.entry("act_swish", new long[] {47, 47}),
      Map.entry("act_tanh", new long[] {47, 47}),
      Map.entry("additive_attention", new long[] {368, 368}),
      Map.entry("attention_concat_score", new long[] {364, 364}),
      Map.entry("attention_dot", new long[] {363, 363}),
      Map.entry("attention_scaled", new long[] {544, 544}),
      Map.entry("batch_norm", new long[] {212, 202}),
      Map.entry("bidirectional_ave", new long[] {266, 266}),
      Map.entry("bidirectional_backward_layer", new long[] {274, 274}),
      Map.entry("bidirectional_concat", new long[] {283, 283}),
      Map.entry("bidirectional_lstm_state", new long[] {256, 256}),
      Map.entry("bidirectional_mul", new long[] {64, 64}),
      Map.entry("bidirectional_none", new long[] {216, 216}),
      Map.entry("bidirectional_sum", new long[] {226, 226}),
      Map.entry("conv1d_causal_dilation", new long[] {64, 64}),
      Map.entry("conv1d_same_strides", new long[] {160, 160}),
      Map.entry("conv1d_valid", new long[] {194, 194}),
      Map.entry("dropout_layers", new long[] {322, 322}),
      Map.entry("embedding_bigru_attention", new long[] {1068, 1068}),
      Map.entry("embedding_float_gru", new long[] {333, 333}),
      Map.entry("embedding_lstm", new long[] {628, 628}),
      Map.entry("embedding_mask_zero_gru", new long[] {298, 298}),
      Map.entry("gru_reset_after", new long[] {168, 168}),
      Map.entry("gru_reset_before", new long[] {153, 153}),
      Map.entry("gru_state_functional", new long[] {399, 399}),
      Map.entry("layer_norm", new long[] {172, 172}),
      Map.entry("lstm_go_backwards_state", new long[] {240, 240}),
      Map.entry("lstm_options", new long[] {550, 550}),
      Map.entry("lstm_seq2seq", new long[] {776, 776}),
      Map.entry("masked_attention", new long[] {518, 518}),
      Map.entry("masked_bidirectional_gru", new long[] {391, 391}),
      Map.entry("masked_lstm_state", new long[] {180, 180}),
      Map.entry("masked_pooling", new long[] {100, 100}),
      Map.entry("masked_simple_rnn_backwards", new long[] {85, 85}),
      Map.entry("masking_lstm_dense", new long[] {198, 198}),
      Map.entry("merge_layers", new long[] {226, 226}),
      Map.entry("merge_more", new long[] {552, 552}),
      Map.entry("pooling", new long[] {128, 128}),
      Map.entry("simple_rnn", new long[] {95, 95}),
      Map.entry("spatial_dropout", new long[] {184, 184}));

  static Stream<Path> zoo() throws Exception {
    return ZooParityTest.zoo();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zoo")
  void parameterCountsAreKeras(Path dir) {
    String name = dir.getFileName().toString();
    long[] keras = KERAS_PARAMS.get(name);
    assertTrue(keras != null, "no Keras counts recorded for zoo model " + name);
    Model m = ImportedModel.fromSavedModel(dir, Map.of()).model();
    assertEquals(keras[0], m.parameterCount(), "total");
    assertEquals(keras[1], m.trainableParameterCount(), "trainable");
    String summary = m.summary();
    assertTrue(summary.contains(String.format("Total params: %,d%n", keras[0]))
        && summary.contains(String.format("Non-trainable params: %,d%n", keras[0] - keras[1])),
        summary);
  }
}
