package dev.seq2seq4j.testing;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Test helper: runs a model's forward pass once in a fresh graph and session. */
public final class ForwardRunner {
  private ForwardRunner() {}

  /** Initialises the model with {@code seed}, then evaluates it on {@code inputs} (in input order). */
  public static List<FloatBlock> run(Model model, long seed, FloatBlock... inputs) {
    return run(model, seed, Map.of(), inputs);
  }

  /** Like {@link #run(Model, long, FloatBlock...)} but overwrites some weights after initialising. */
  public static List<FloatBlock> run(
      Model model, long seed, Map<String, FloatBlock> weights, FloatBlock... inputs) {
    return run(model, seed, RnnKernel.UNROLLED, weights, inputs);
  }

  /** Like {@link #run(Model, long, Map, FloatBlock...)} with recurrent layers built as asked. */
  public static List<FloatBlock> run(Model model, long seed, RnnKernel kernel,
      Map<String, FloatBlock> weights, FloatBlock... inputs) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g), kernel);
      mg.initialize(s, seed);
      if (!weights.isEmpty()) {
        mg.setWeights(s, Weights.of(weights));
      }
      return mg.run(s, List.of(inputs));
    }
  }

  /** {@code numpy.arange(n).reshape(shape)} as floats. */
  public static FloatBlock arange(long... shape) {
    int n = (int) Shapes.size(shape);
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return FloatBlock.of(d, shape);
  }
}
