package dev.seq2seq4j.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics as a list chosen by Keras name, with known values on fixed outputs. */
class MetricsTest {
  /** A Dense layer whose weights make its outputs equal to its inputs (identity kernel). */
  private static CompiledModel identity(int width, Loss loss, String... metrics) {
    SymbolicTensor x = InputLayer.input("x", width);
    Model m = Model.functional("identity", List.of(x), List.of(Dense.of(width, "linear").apply(x)));
    CompiledModel cm =
        CompiledModel.compile(m, CompileOptions.builder(loss).metrics(metrics).build());
    float[] eye = new float[width * width];
    for (int i = 0; i < width; i++) {
      eye[i * width + i] = 1;
    }
    cm.setWeights(Weights.of(Map.of("dense/kernel", FloatBlock.of(eye, width, width),
        "dense/bias", FloatBlock.of(new float[width], width))));
    return cm;
  }

  @Test
  void accuracyDependsOnShapesNotOnTheLoss() {
    // Outputs equal the inputs, so the arg-max is right for rows 0 and 2 only.
    Dataset d = Dataset.of(FloatBlock.of(new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, 3, 2),
        FloatBlock.of(new float[] {1, 0, 1, 0, 1, 0}, 3, 2));
    try (CompiledModel cm = identity(2, Losses.meanSquaredError(), "accuracy", "mae")) {
      Map<String, Double> m = cm.evaluate(d);
      assertEquals(List.of("loss", "accuracy", "mae"), List.copyOf(m.keySet()));
      assertEquals(2 / 3.0, m.get("accuracy"), 1e-7);
      // |0.1| + |0.1|, |0.8| + |0.8|, |0.4| + |0.4| over 6 elements
      assertEquals((0.2 + 1.6 + 0.8) / 6, m.get("mae"), 1e-7);
    }
    // One output unit: binary accuracy at 0.5, as Keras resolves "accuracy".
    Dataset b = Dataset.of(FloatBlock.of(new float[] {0.7f, 0.2f, 0.4f, 0.9f}, 4, 1),
        FloatBlock.of(new float[] {1, 0, 1, 0}, 4, 1));
    try (CompiledModel cm = identity(1, Losses.meanSquaredError(), "acc")) {
      assertEquals(0.5, cm.evaluate(b).get("acc"), 1e-7);
    }
  }

  @Test
  void defaultsStayAsTheyWere() {
    assertEquals(List.of("accuracy"),
        names(CompileOptions.builder(Losses.categoricalCrossentropy()).build()));
    assertEquals(List.of(), names(CompileOptions.builder(Losses.meanSquaredError()).build()));
    assertEquals(List.of(), names(CompileOptions.builder(Losses.categoricalCrossentropy())
        .metrics().build()));
    assertEquals(List.of("categorical_accuracy", "mse"),
        names(CompileOptions.builder(Losses.meanSquaredError())
            .metrics("categorical_accuracy", "mse").build()));
  }

  @Test
  void epochLogsAreKeyedByMetricName() {
    Dataset d = Dataset.of(FloatBlock.of(new float[] {0.9f, 0.1f, 0.2f, 0.8f}, 2, 2),
        FloatBlock.of(new float[] {1, 0, 1, 0}, 2, 2));
    try (CompiledModel cm = identity(2, Losses.meanSquaredError(), "binary_accuracy", "mse")) {
      History h = cm.fit(d, FitOptions.builder().epochs(1).validation(d).build());
      assertEquals(List.of("loss", "binary_accuracy", "mse", "val_loss", "val_binary_accuracy",
          "val_mse"), List.copyOf(h.last().values().keySet()));
      // MSE as a metric equals the MSE loss on the same batch.
      assertEquals(h.last().get("loss").getAsDouble(), h.last().get("mse").getAsDouble(), 0.0);
    }
  }

  @Test
  void badNamesAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Metrics.byName("f1"));
    assertTrue(e.getMessage().contains("categorical_accuracy"), e.getMessage());
    CompileOptions.Builder b = CompileOptions.builder(Losses.meanSquaredError());
    assertThrows(IllegalArgumentException.class, () -> b.metrics("mae", "mae"));
  }

  private static List<String> names(CompileOptions o) {
    return o.metrics().stream().map(Metric::name).toList();
  }
}
