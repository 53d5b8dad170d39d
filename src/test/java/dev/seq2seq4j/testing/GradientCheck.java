package dev.seq2seq4j.testing;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Tensors;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Test helper: the gradient TensorFlow builds for a model's loss ({@code Graph.addGradients},
 * as the training step uses it) beside central finite differences of the same loss, {@code
 * (L(w + h) - L(w - h)) / 2h}, one weight element at a time.
 */
public final class GradientCheck implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final ModelGraph modelGraph;
  private final Placeholder<TFloat32> target;
  private final Operand<TFloat32> loss;
  private final List<FloatBlock> inputs;
  private final FloatBlock y;
  private final boolean training;
  private Weights weights;

  /** One compared element. */
  public record Entry(String weight, int index, double analytic, double numeric) {
    /** {@code |analytic - numeric|}. */
    public double error() {
      return Math.abs(analytic - numeric);
    }

    @Override
    public String toString() {
      return weight + "[" + index + "]: analytic " + analytic + ", numeric " + numeric;
    }
  }

  /**
   * Builds the model's graph with the loss on top.
   *
   * @param model the model (one output)
   * @param lossFunction the loss
   * @param inputs one block per model input
   * @param y the target
   * @param seed the weights' initialisation seed
   * @param training whether to run in training mode (batch statistics; no dropout in the model)
   */
  public GradientCheck(Model model, Loss lossFunction, List<FloatBlock> inputs, FloatBlock y,
      long seed, boolean training) {
    this.inputs = inputs;
    this.y = y;
    this.training = training;
    Ops tf = Ops.create(graph);
    modelGraph = ModelGraph.build(model, tf);
    long[] shape = y.shape().clone();
    shape[0] = -1;
    target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    loss = lossFunction.compute(tf, target, modelGraph.outputs().get(0));
    session = new Session(graph);
    modelGraph.initialize(session, seed);
    weights = modelGraph.getWeights(session);
  }

  /**
   * Replaces some weights (e.g. moving statistics away from their initial values).
   *
   * @param values the weights to write
   */
  public void setWeights(Weights values) {
    modelGraph.setWeights(session, values);
    weights = modelGraph.getWeights(session);
  }

  /**
   * The analytic and numeric gradient of every element of the given weights.
   *
   * @param names the weights' qualified names, e.g. {@code conv1d/kernel}
   * @param h the finite-difference step
   * @return one entry per element, in weight then element order
   */
  public List<Entry> compare(List<String> names, float h) {
    Output<?>[] xs = new Output<?>[names.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = modelGraph.variables().get(names.get(i)).asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
    List<FloatBlock> analytic = fetch(List.of(grads));
    List<Entry> out = new ArrayList<>();
    for (int w = 0; w < names.size(); w++) {
      FloatBlock base = weights.get(names.get(w));
      for (int i = 0; i < base.size(); i++) {
        float up = base.data()[i] + h;
        float down = base.data()[i] - h;
        double plus = lossWith(names.get(w), base, i, up);
        double minus = lossWith(names.get(w), base, i, down);
        // Divide by the step float32 really took, not by the 2h asked for.
        double numeric = (plus - minus) / ((double) up - (double) down);
        out.add(new Entry(names.get(w), i, analytic.get(w).data()[i], numeric));
      }
      modelGraph.setWeights(session, Weights.of(Map.of(names.get(w), base)));
    }
    return out;
  }

  private double lossWith(String name, FloatBlock base, int index, float value) {
    float[] d = base.data().clone();
    d[index] = value;
    modelGraph.setWeights(session, Weights.of(Map.of(name, FloatBlock.of(d, base.shape()))));
    return fetch(List.of(loss.asOutput())).get(0).data()[0];
  }

  private List<FloatBlock> fetch(List<Output<?>> outputs) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      for (int i = 0; i < inputs.size(); i++) {
        feeds.add(modelGraph.feed(r, i, inputs.get(i)));
      }
      TFloat32 t = Tensors.float32(y);
      feeds.add(t);
      TBool flag = TBool.scalarOf(training);
      feeds.add(flag);
      r.feed(target, t).feed(modelGraph.training(), flag);
      outputs.forEach(r::fetch);
      try (Result res = r.run()) {
        List<FloatBlock> blocks = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
          blocks.add(Tensors.toBlock(res.get(i)));
        }
        return blocks;
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /** The finite-difference step {@link #assertAgree}'s tolerance is worked out for. */
  public static final float STEP = 1e-2f;

  /**
   * Asserts that every analytic gradient equals its finite difference to within {@code 1e-2}
   * relative plus {@code 2e-4} absolute. With the step {@link #STEP} the central difference's
   * truncation error is {@code h^2 / 6} times the loss's third derivative: relative errors of
   * 1e-4 to 1e-3 for these small smooth models (measured: at most 5.4e-4 for the gradients
   * through BatchNormalization's batch statistics). Float32 rounding of a loss near 1, a few
   * ulps or about {@code 1e-6} per evaluation, adds up to {@code 1e-6 / 2h = 5e-5} absolute,
   * which the absolute term covers for near-zero gradients. A wrong gradient (a missing term, a
   * sign, a transposed axis) is off by tens of percent, far outside.
   *
   * @param entries the comparisons
   */
  public static void assertAgree(List<Entry> entries) {
    Assertions.assertFalse(entries.isEmpty(), "nothing compared");
    double largest = 0;
    for (Entry e : entries) {
      double bound = 1e-2 * Math.max(Math.abs(e.analytic()), Math.abs(e.numeric())) + 2e-4;
      Assertions.assertTrue(e.error() <= bound, e + " differ by " + e.error());
      largest = Math.max(largest, Math.abs(e.analytic()));
    }
    // All-zero gradients would pass trivially: the weights must matter to the loss.
    Assertions.assertTrue(largest > 1e-3, "every gradient is ~0: " + entries);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
