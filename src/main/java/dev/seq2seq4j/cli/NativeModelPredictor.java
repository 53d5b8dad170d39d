package dev.seq2seq4j.cli;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.SymbolicTensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Runs any Keras model file ({@code .keras}, {@code .h5}, SavedModel) through its native
 * rebuild on one sample typed as numbers, for a single-input model; answers with the outputs
 * ({@code output_0}, ...) as one line of JSON.
 */
final class NativeModelPredictor implements Predictor {
  private final Path file;
  private final ImportedModel model;
  private final Graph graph;
  private final Session session;
  private final ModelGraph modelGraph;

  private NativeModelPredictor(Path file, ImportedModel model) {
    if (model.model().inputs().size() != 1) {
      throw new UserInputException("the model takes " + model.model().inputs().size()
          + " inputs " + model.model().inputNames() + "; predict --file feeds single-input models");
    }
    this.file = file;
    this.model = model;
    Graph g = new Graph();
    Session s = null;
    try {
      modelGraph = ModelGraph.build(model.model(), Ops.create(g));
      s = new Session(g);
      modelGraph.setWeights(s, model.weights());
    } catch (RuntimeException e) {
      if (s != null) {
        s.close();
      }
      g.close();
      throw e;
    }
    this.graph = g;
    this.session = s;
  }

  static NativeModelPredictor open(Path file, Map<String, long[]> shapes) {
    return new NativeModelPredictor(file, ImportedModel.open(file, shapes));
  }

  @Override
  public String answer(String question) {
    float[] data = NumericInput.parse(question);
    SymbolicTensor in = model.model().inputs().get(0);
    long[] row = NumericInput.shapeFor(model.model().inputNames().get(0), in.shape(), data.length);
    long[] shape = new long[row.length + 1];
    shape[0] = 1;
    System.arraycopy(row, 0, shape, 1, row.length);
    List<FloatBlock> out = modelGraph.run(session, List.of(FloatBlock.wrap(data, shape)));
    Map<String, FloatBlock> named = new LinkedHashMap<>();
    for (int i = 0; i < out.size(); i++) {
      named.put("output_" + i, out.get(i));
    }
    return Predictor.outputsAsJson(file, named);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
