package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Model} materialised in a TensorFlow graph: one placeholder per input (named after the
 * Input), one variable per weight (named {@code layer/weight}), the forward ops, and outputs named
 * {@code output_0}, {@code output_1}, ...
 *
 * <p>Weights are written through a placeholder-fed {@code Assign} per variable, so initialising,
 * loading a checkpoint and importing Keras weights all take the same path, and no weight values
 * are baked into the graph as constants.
 */
public final class ModelGraph {
  private final Model model;
  private final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
  private final List<Operand<TFloat32>> outputs = new ArrayList<>();
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> assignValues = new LinkedHashMap<>();
  private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();
  private final Map<String, WeightSpec> specs;

  private ModelGraph(Model model, Ops tf, String outputPrefix) {
    this.model = model;
    this.specs = model.weights();
    for (Layer layer : model.layers()) {
      // Op names cannot hold '/', scopes can: "lstm" scope + "kernel" gives node "lstm/kernel".
      Ops scope = tf.withSubScope(layer.name());
      for (WeightSpec spec : layer.weights()) {
        String name = layer.name() + "/" + spec.name();
        Shape shape = Shape.of(spec.shape());
        Variable<TFloat32> v = scope.withName(spec.name()).variable(shape, TFloat32.class);
        Placeholder<TFloat32> value =
            scope
                .withName(spec.name() + "_assign_value")
                .placeholder(TFloat32.class, Placeholder.shape(shape));
        variables.put(name, v);
        assignValues.put(name, value);
        assigns.put(name, scope.withName(spec.name() + "_assign").assign(v, value));
      }
    }
    Map<SymbolicTensor, Operand<TFloat32>> values = new IdentityHashMap<>();
    for (SymbolicTensor in : model.inputs()) {
      String name = in.producer().layer().name();
      Placeholder<TFloat32> p =
          tf.withName(name)
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(Shapes.batched(in.shape()))));
      inputs.put(name, p);
      values.put(in, p);
    }
    for (Node node : model.nodes()) {
      List<Operand<TFloat32>> args = new ArrayList<>();
      for (SymbolicTensor t : node.inputs()) {
        args.add(values.get(t));
      }
      Layer layer = node.layer();
      Map<String, Operand<TFloat32>> w = new LinkedHashMap<>();
      for (WeightSpec s : layer.weights()) {
        w.put(s.name(), variables.get(layer.name() + "/" + s.name()));
      }
      List<Operand<TFloat32>> outs = layer.call(tf.withSubScope(layer.name()), args, w);
      for (int i = 0; i < outs.size(); i++) {
        values.put(node.outputs().get(i), outs.get(i));
      }
    }
    for (int i = 0; i < model.outputs().size(); i++) {
      outputs.add(
          tf.withName(outputPrefix + i).identity(values.get(model.outputs().get(i))));
    }
  }

  /** Adds the model's ops to the graph behind {@code tf}; outputs are named {@code output_N}. */
  public static ModelGraph build(Model model, Ops tf) {
    return new ModelGraph(model, tf, "output_");
  }

  /** The model this graph computes. */
  public Model model() {
    return model;
  }

  /** The input placeholders by Input name, in the model's input order. */
  public Map<String, Placeholder<TFloat32>> inputs() {
    return Collections.unmodifiableMap(inputs);
  }

  /** The output ops, in the model's output order. */
  public List<Operand<TFloat32>> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  /** The weight variables by qualified name ({@code lstm/kernel}). */
  public Map<String, Variable<TFloat32>> variables() {
    return Collections.unmodifiableMap(variables);
  }

  /** The variables the optimizer updates, in weight order. */
  public List<Variable<TFloat32>> trainableVariables() {
    List<Variable<TFloat32>> t = new ArrayList<>();
    for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
      if (specs.get(e.getKey()).trainable()) {
        t.add(e.getValue());
      }
    }
    return t;
  }

  /**
   * Sets every weight to its initializer's values, drawn from a generator seeded with {@code
   * seed} and split once per weight in weight order (so the same seed gives the same weights).
   */
  public void initialize(Session session, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    Map<String, FloatBlock> values = new LinkedHashMap<>();
    for (Map.Entry<String, WeightSpec> e : specs.entrySet()) {
      WeightSpec s = e.getValue();
      values.put(e.getKey(), FloatBlock.of(s.initializer().values(s.shape(), root.split()), s.shape()));
    }
    setWeights(session, values);
  }

  /**
   * Writes the given weights (a subset is fine).
   *
   * @throws IllegalArgumentException naming an unknown weight (and listing the known ones) or a
   *     weight whose shape differs from the model's
   */
  public void setWeights(Session session, Map<String, FloatBlock> values) {
    for (Map.Entry<String, FloatBlock> e : values.entrySet()) {
      WeightSpec s = specs.get(e.getKey());
      if (s == null) {
        throw new IllegalArgumentException(
            "model '" + model.name() + "' has no weight '" + e.getKey() + "'; weights: "
                + specs.keySet());
      }
      if (!Arrays.equals(s.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException(
            "weight '" + e.getKey() + "' has shape " + Arrays.toString(s.shape())
                + ", given " + Arrays.toString(e.getValue().shape()));
      }
    }
    if (values.isEmpty()) {
      return; // a model without weights (or nothing to change): TensorFlow refuses empty runs
    }
    List<TFloat32> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, FloatBlock> e : values.entrySet()) {
        TFloat32 t = Tensors.float32(e.getValue());
        tensors.add(t);
        runner.feed(assignValues.get(e.getKey()), t).addTarget(assigns.get(e.getKey()));
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /** Reads every weight's current value, by qualified name in weight order. */
  public Map<String, FloatBlock> getWeights(Session session) {
    Map<String, FloatBlock> out = new LinkedHashMap<>();
    Session.Runner runner = session.runner();
    List<String> names = new ArrayList<>(variables.keySet());
    for (String n : names) {
      runner.fetch(variables.get(n));
    }
    try (Result r = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), Tensors.toBlock(r.get(i)));
      }
    }
    return out;
  }

  /**
   * Runs the forward pass once: feeds {@code inputs} (in the model's input order, whole batches)
   * and returns every output.
   *
   * @throws IllegalArgumentException if the count or a row shape does not fit the model
   */
  public List<FloatBlock> run(Session session, List<FloatBlock> inputs) {
    List<SymbolicTensor> specs = model.inputs();
    if (inputs.size() != specs.size()) {
      throw new IllegalArgumentException("model '" + model.name() + "' takes " + specs.size()
          + " input(s) " + model.inputNames() + ", given " + inputs.size());
    }
    List<TFloat32> feeds = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      int i = 0;
      for (Placeholder<TFloat32> p : this.inputs.values()) {
        FloatBlock b = inputs.get(i);
        if (!Arrays.equals(b.rowShape(), specs.get(i).shape())) {
          throw new IllegalArgumentException("input '" + model.inputNames().get(i)
              + "' needs rows of shape " + Arrays.toString(specs.get(i).shape()) + ", given "
              + Arrays.toString(b.rowShape()));
        }
        TFloat32 t = Tensors.float32(b);
        feeds.add(t);
        runner.feed(p, t);
        i++;
      }
      outputs.forEach(runner::fetch);
      try (Result r = runner.run()) {
        List<FloatBlock> out = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
          out.add(Tensors.toBlock(r.get(k)));
        }
        return out;
      }
    } finally {
      feeds.forEach(TFloat32::close);
    }
  }
}
