package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Test helper: runs a model's forward pass once in a fresh graph and session. */
final class ForwardRunner {
  private ForwardRunner() {}

  /** Initialises the model with {@code seed}, then evaluates it on {@code inputs} (in input order). */
  static List<FloatBlock> run(Model model, long seed, FloatBlock... inputs) {
    return run(model, seed, Map.of(), inputs);
  }

  /** Like {@link #run(Model, long, FloatBlock...)} but overwrites some weights after initialising. */
  static List<FloatBlock> run(
      Model model, long seed, Map<String, FloatBlock> weights, FloatBlock... inputs) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      mg.initialize(s, seed);
      if (!weights.isEmpty()) {
        mg.setWeights(s, weights);
      }
      List<TFloat32> feeds = new ArrayList<>();
      try {
        Session.Runner r = s.runner();
        int i = 0;
        for (var p : mg.inputs().values()) {
          FloatBlock b = inputs[i++];
          TFloat32 t = TFloat32.tensorOf(Shape.of(b.shape()), DataBuffers.of(b.data(), true, false));
          feeds.add(t);
          r.feed(p, t);
        }
        mg.outputs().forEach(r::fetch);
        try (Result res = r.run()) {
          List<FloatBlock> out = new ArrayList<>();
          for (int k = 0; k < mg.outputs().size(); k++) {
            TFloat32 t = (TFloat32) res.get(k);
            float[] d = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(d, false, false));
            out.add(FloatBlock.of(d, t.shape().asArray()));
          }
          return out;
        }
      } finally {
        feeds.forEach(TFloat32::close);
      }
    }
  }

  /** {@code numpy.arange(n).reshape(shape)} as floats. */
  static FloatBlock arange(long... shape) {
    int n = (int) Shapes.size(shape);
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return FloatBlock.of(d, shape);
  }
}
