package dev.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.nn.Dot;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.conv.Conv1D;
import dev.seq2seq4j.nn.conv.MaxPooling1D;
import dev.seq2seq4j.nn.conv.Padding;
import dev.seq2seq4j.nn.norm.BatchNormalization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The codecs of the layers around RNNs read what Keras writes (ints or one-tuples, defaults),
 * refuse by name what is not built, and list variables in Keras's order.
 */
class AroundRnnCodecsTest {
  private static Layer read(String className, String config) {
    JsonNode node = KerasJson.parse(("{\"class_name\": \"" + className + "\", \"config\": "
        + config + "}").getBytes(StandardCharsets.UTF_8), "test");
    return LayerCodecs.standard().read(node,
        new CodecContext(KerasVersion.KERAS_3, LayerCodecs.standard(), Map.of()));
  }

  private static void assertRefused(String className, String config, String... fragments) {
    UnsupportedKerasFeatureException e =
        assertThrows(UnsupportedKerasFeatureException.class, () -> read(className, config));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void conv1dReadsIntsAndTuples() {
    Conv1D a = (Conv1D) read("Conv1D", "{\"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, "
        + "\"strides\": 2, \"padding\": \"same\"}");
    Conv1D b = (Conv1D) read("Conv1D", "{\"name\": \"c\", \"filters\": 4, \"kernel_size\": [3],"
        + " \"strides\": [1], \"dilation_rate\": [2], \"padding\": \"CAUSAL\", "
        + "\"activation\": \"relu\", \"use_bias\": false}");
    assertEquals(List.of(3, 2, 1, Padding.SAME), List.of(a.kernelSize(), a.strides(),
        a.dilationRate(), a.padding()));
    assertEquals(List.of(3, 1, 2, Padding.CAUSAL), List.of(b.kernelSize(), b.strides(),
        b.dilationRate(), b.padding()));
    assertEquals("relu", b.activation().kerasName());
  }

  @Test
  void whatIsNotBuiltIsRefusedByName() {
    assertRefused("Conv1D", "{\"filters\": 4, \"kernel_size\": 3, \"data_format\": "
        + "\"channels_first\"}", "data_format", "channels_first");
    assertRefused("Conv1D", "{\"filters\": 4, \"kernel_size\": 3, \"groups\": 2}", "groups");
    assertRefused("Conv1D", "{\"filters\": 4, \"kernel_size\": [3, 3]}", "kernel_size");
    assertRefused("Conv1D", "{\"filters\": 4}", "kernel_size");
    assertRefused("Conv1D", "{\"filters\": 4, \"kernel_size\": 3, \"strides\": 2, "
        + "\"dilation_rate\": 2}", "strides", "dilation_rate");
    assertRefused("MaxPooling1D", "{\"pool_size\": 2, \"padding\": \"causal\"}", "padding");
    assertRefused("AveragePooling1D", "{\"data_format\": \"channels_first\"}", "channels_first");
    assertRefused("GlobalMaxPooling1D", "{\"data_format\": \"channels_first\"}", "data_format");
    assertRefused("LayerNormalization", "{\"rms_scaling\": true}", "rms_scaling");
    assertRefused("LayerNormalization", "{\"axis\": [1, 2]}", "axes");
    assertRefused("BatchNormalization", "{\"renorm\": true}", "renorm");
    assertRefused("BatchNormalization", "{\"virtual_batch_size\": 8}", "virtual_batch_size");
    assertRefused("Dot", "{\"axes\": [1, 2, 3]}", "axes");
    assertRefused("Dot", "{\"axes\": 0}", "axis 0");
  }

  @Test
  void poolingStridesDefaultToThePoolSize() {
    MaxPooling1D p = (MaxPooling1D) read("MaxPooling1D", "{\"pool_size\": [3], \"strides\": null}");
    assertEquals(3, p.strides());
    assertEquals(2, ((MaxPooling1D) read("MaxPooling1D", "{}")).poolSize());
  }

  @Test
  void aWrongNormalisationAxisIsRefusedWhenTheLayerSeesItsInput() {
    Layer bn = read("BatchNormalization", "{\"axis\": 1}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> bn.apply(InputLayer.input("x", 4, 3)));
    assertTrue(e.getMessage().contains("only the last axis"), e.getMessage());
    read("BatchNormalization", "{\"axis\": 2}").apply(InputLayer.input("y", 4, 3)); // the last
  }

  @Test
  void batchNormalizationVariablesFollowKerasOrderWithoutGammaOrBeta() {
    BatchNormalization bn = BatchNormalization.builder().scale(false).name("bn").build();
    bn.apply(InputLayer.input("x", 4, 3));
    List<KerasVariable> vars = LayerCodecs.standard().variables(bn);
    assertEquals(List.of("beta", "moving_mean", "moving_variance"),
        vars.stream().map(KerasVariable::javaPath).toList());
    assertEquals(List.of("vars/0", "vars/1", "vars/2"),
        vars.stream().map(KerasVariable::archivePath).toList());
    assertEquals(List.of(true, false, false),
        bn.weights().stream().map(w -> w.trainable()).toList());
  }

  @Test
  void dotKeepsItsAxesForm() {
    assertEquals(1, ((Dot) read("Dot", "{\"axes\": 1, \"normalize\": true}")).axes().length);
    Dot pair = (Dot) read("Dot", "{\"axes\": [2, 2]}");
    assertInstanceOf(Dot.class, pair);
    assertEquals(List.of(2, 2), List.of(pair.axes()[0], pair.axes()[1]));
  }
}
