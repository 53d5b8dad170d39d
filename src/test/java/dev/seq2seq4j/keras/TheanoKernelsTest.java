package dev.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.keras.h5.H5Reader;
import dev.seq2seq4j.keras.h5.H5Trees;
import dev.seq2seq4j.keras.h5.H5Writer;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Sequential;
import dev.seq2seq4j.nn.conv.Conv1D;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 2 flipped the convolution kernels of files trained with the Theano backend; seq2seq4j
 * does not, so it refuses them by name, while Theano-trained recurrent and dense weights (the
 * same maths in both backends) load as they are.
 */
class TheanoKernelsTest {
  /** The Java-written file again, with the backend attributes saying Theano. */
  private static Path asTheano(Model model, Path dir) {
    Path tf = dir.resolve(model.name() + "_tensorflow.h5");
    LegacyH5.write(tf, model, ModelGraph.initialWeights(model, 1));
    Path th = dir.resolve(model.name() + "_theano.h5");
    H5Writer writer = new H5Writer();
    try (H5Reader original = H5Reader.open(tf)) {
      H5Trees.copy(original.root(), writer.root(), new H5Trees.Edit() {
        @Override
        public String attribute(String path, String name, String value) {
          return name.equals("backend") ? "theano" : value;
        }
      });
    }
    writer.writeTo(th);
    return th;
  }

  @Test
  void theanoConvolutionKernelsAreRefusedByName(@TempDir Path dir) {
    Model conv = Sequential.builder("conv").input(6, 3)
        .add(Conv1D.builder(4, 2).name("conv1d").build()).build();
    Path file = asTheano(conv, dir);
    LegacyH5 h5 = LegacyH5.read(file);
    KerasModel m = h5.model(Map.of());
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> h5.weights(m.model(), m.layout()));
    assertTrue(e.getMessage().contains("conv1d") && e.getMessage().contains("Theano"),
        e.getMessage());
  }

  @Test
  void theanoRecurrentWeightsLoadAsTheyAre(@TempDir Path dir) {
    Model rnn = Sequential.builder("rnn").input(5, 3)
        .add(LSTM.builder(4).name("lstm").build()).add(Dense.of(2, "linear")).build();
    LegacyH5 h5 = LegacyH5.read(asTheano(rnn, dir));
    KerasModel m = h5.model(Map.of());
    assertEquals(ModelGraph.initialWeights(rnn, 1), h5.weights(m.model(), m.layout()));
  }
}
