package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras's character-level lstm_seq2seq architecture and an Embedding + Bidirectional GRU
 * encoder with attention, saved by Keras 3.8, import from their .keras files, predict what Keras
 * predicted (KerasFilesTest), and keep training in Java: on targets they do not fit yet, a few
 * Adam epochs lower the loss.
 */
class ZooFineTuneTest {
  @ParameterizedTest
  @ValueSource(strings = {"lstm_seq2seq", "embedding_bigru_attention"})
  void importedSeq2seqModelsFineTuneInJava(String name) {
    Path dir = Fixtures.projectRoot().resolve("saved-models/zoo").resolve(name);
    ParityFile parity = ParityFile.read(dir);
    ImportedModel m = ImportedModel.from(ModelFiles.open(dir.resolve(name + ".keras")),
        ImportedModel.withShapesOf(parity, Map.of()), null);
    Model model = m.model();
    Map<String, FloatBlock> probes = parity.probes().inputArrays();
    List<FloatBlock> inputs = new ArrayList<>();
    for (String input : model.inputNames()) {
      inputs.add(probes.get(input));
    }
    // Targets: a fixed random token per step, one-hot, which the imported weights do not give.
    long[] out = model.outputs().get(0).shape();
    int rows = inputs.get(0).rows();
    int vocabulary = (int) out[out.length - 1];
    FloatBlock draw = RandomBlocks.uniform(4, 0, vocabulary, rows, out[0]);
    float[] oneHot = new float[rows * (int) out[0] * vocabulary];
    for (int i = 0; i < draw.size(); i++) {
      oneHot[i * vocabulary + Math.min(vocabulary - 1, (int) draw.data()[i])] = 1f;
    }
    Dataset data = Dataset.of(inputs, FloatBlock.of(oneHot, rows, out[0], vocabulary));
    try (CompiledModel cm = CompiledModel.compile(model,
        CompileOptions.builder(Losses.categoricalCrossentropy()).learningRate(0.01f).build())) {
      cm.setWeights(m.weights());
      double before = cm.evaluate(data).get("loss");
      cm.fit(data, FitOptions.builder().epochs(40).batchSize(8).build());
      double after = cm.evaluate(data).get("loss");
      assertTrue(after < 0.8 * before, name + ": loss " + before + " -> " + after);
    }
  }
}
