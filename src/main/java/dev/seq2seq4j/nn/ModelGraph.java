package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A {@link Model} materialised in a TensorFlow graph: one placeholder per input (named after the
 * Input, of the Input's dtype), one variable per weight (named by its path, {@code
 * lstm/cell/kernel}), the forward ops with Keras masks carried along, and outputs named {@code
 * output_0}, {@code output_1}, ...
 *
 * <p>Two more placeholders steer a run: {@link #training()} (default false; the training loop
 * feeds true so dropout drops) and {@link #stepSeed()} (the seed of the step's random ops).
 *
 * <p>Weights are written through a placeholder-fed {@code Assign} per variable, so initialising,
 * loading a checkpoint and importing Keras weights all take the same path, and no weight values
 * are baked into the graph as constants.
 */
public final class ModelGraph {
  private final Model model;
  private final Map<String, Placeholder<? extends TType>> inputs = new LinkedHashMap<>();
  private final List<Operand<TFloat32>> outputs = new ArrayList<>();
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> assignValues = new LinkedHashMap<>();
  private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();
  private final Map<String, WeightSpec> specs;
  private final PlaceholderWithDefault<TBool> training;
  private final PlaceholderWithDefault<TInt64> stepSeed;
  private final List<org.tensorflow.op.Op> updates;

  private ModelGraph(Model model, Ops tf, String outputPrefix, RnnKernel rnnKernel) {
    this.model = model;
    this.specs = model.weights();
    // Variables first, so that their scopes get exactly the layers' names.
    Map<Layer, LayerWeights> layerWeights = new IdentityHashMap<>();
    Map<String, Ops> scopes = new HashMap<>();
    for (Layer layer : model.layers()) {
      Map<String, Variable<TFloat32>> own = new LinkedHashMap<>();
      for (Map.Entry<String, WeightSpec> w : layer.weightTree().entrySet()) {
        own.put(w.getKey(),
            createVariable(tf, scopes, layer.name() + "/" + w.getKey(), w.getValue()));
      }
      layerWeights.put(layer, LayerWeights.of(own));
    }
    training = tf.withName("keras_learning_phase")
        .placeholderWithDefault(tf.constant(false), Shape.scalar());
    stepSeed = tf.withName("step_seed")
        .placeholderWithDefault(tf.constant(new long[] {0, 0}), LayerContext.seedShape());
    LayerContext root = LayerContext.root(tf, training, stepSeed, rnnKernel);
    Map<SymbolicTensor, Operand<TFloat32>> values = new IdentityHashMap<>();
    Map<SymbolicTensor, Operand<TBool>> masks = new IdentityHashMap<>();
    for (SymbolicTensor in : model.inputs()) {
      String name = in.producer().layer().name();
      Shape shape = Shape.of(Shapes.batched(in.shape()));
      if (in.dtype() == DType.INT32) {
        Placeholder<TInt32> p = tf.withName(name).placeholder(TInt32.class, Placeholder.shape(shape));
        inputs.put(name, p);
        values.put(in, tf.dtypes.cast(p, TFloat32.class));
      } else {
        Placeholder<TFloat32> p =
            tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(shape));
        inputs.put(name, p);
        values.put(in, p);
      }
    }
    for (Node node : model.nodes()) {
      List<Operand<TFloat32>> args = new ArrayList<>();
      List<Operand<TBool>> argMasks = new ArrayList<>();
      List<DType> argTypes = new ArrayList<>();
      for (int k = 0; k < node.inputs().size(); k++) {
        SymbolicTensor t = node.inputs().get(k);
        SymbolicTensor explicit = node.masks().get(k);
        args.add(values.get(t));
        // A mask passed explicitly is a boolean carried as 0/1; it replaces the input's own.
        argMasks.add(explicit == null ? masks.get(t)
            : tf.math.notEqual(values.get(explicit), tf.constant(0f)));
        argTypes.add(t.dtype());
      }
      Layer layer = node.layer();
      LayerContext ctx = root.forLayer(tf.withSubScope(layer.name()), argMasks, argTypes);
      List<Operand<TFloat32>> outs = layer.call(ctx, args, layerWeights.get(layer));
      List<Operand<TBool>> outMasks = layer.computeMasks(ctx, args, outs);
      for (int i = 0; i < outs.size(); i++) {
        values.put(node.outputs().get(i), outs.get(i));
        if (outMasks.get(i) != null) {
          masks.put(node.outputs().get(i), outMasks.get(i));
        }
      }
    }
    for (int i = 0; i < model.outputs().size(); i++) {
      outputs.add(tf.withName(outputPrefix + i).identity(values.get(model.outputs().get(i))));
    }
    updates = List.copyOf(root.updates());
  }

  /**
   * The ops a training step must run besides the optimizer's (moving statistics).
   *
   * @return the update ops, empty for most models
   */
  public List<org.tensorflow.op.Op> updates() {
    return updates;
  }

  /**
   * A variable and its placeholder-fed assign. Op names cannot hold '/', scopes can; each
   * scope is made once ({@code lstm}, then {@code lstm/cell}), since asking for a scope name
   * twice gives a fresh, suffixed one.
   */
  private Variable<TFloat32> createVariable(
      Ops tf, Map<String, Ops> scopes, String path, WeightSpec spec) {
    String[] parts = path.split("/");
    Ops scope = tf;
    String prefix = "";
    for (int i = 0; i < parts.length - 1; i++) {
      prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
      Ops parent = scope;
      String part = parts[i];
      scope = scopes.computeIfAbsent(prefix, k -> parent.withSubScope(part));
    }
    String leaf = parts[parts.length - 1];
    Shape shape = Shape.of(spec.shape());
    Variable<TFloat32> v = scope.withName(leaf).variable(shape, TFloat32.class);
    Placeholder<TFloat32> value =
        scope.withName(leaf + "_assign_value").placeholder(TFloat32.class, Placeholder.shape(shape));
    variables.put(path, v);
    assignValues.put(path, value);
    assigns.put(path, scope.withName(leaf + "_assign").assign(v, value));
    return v;
  }

  /**
   * Adds the model's ops to the graph behind {@code tf}; outputs are named {@code output_N}.
   *
   * @param model the model
   * @param tf the graph's ops (possibly scoped)
   * @return the materialised model
   */
  public static ModelGraph build(Model model, Ops tf) {
    return build(model, tf, RnnKernel.UNROLLED);
  }

  /**
   * Adds the model's ops to the graph behind {@code tf}, its recurrent layers built as {@code
   * rnnKernel} says; outputs are named {@code output_N}.
   *
   * @param model the model
   * @param tf the graph's ops (possibly scoped)
   * @param rnnKernel how recurrent layers become ops
   * @return the materialised model
   */
  public static ModelGraph build(Model model, Ops tf, RnnKernel rnnKernel) {
    return new ModelGraph(model, tf, "output_", rnnKernel);
  }

  /**
   * The model this graph computes.
   *
   * @return the model
   */
  public Model model() {
    return model;
  }

  /**
   * The input placeholders by Input name, in the model's input order (int32 for integer inputs,
   * float32 otherwise).
   *
   * @return the placeholders
   */
  public Map<String, Placeholder<? extends TType>> inputs() {
    return Collections.unmodifiableMap(inputs);
  }

  /**
   * The output ops, in the model's output order.
   *
   * @return the outputs
   */
  public List<Operand<TFloat32>> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  /**
   * The training flag: false unless fed true.
   *
   * @return the boolean scalar placeholder
   */
  public PlaceholderWithDefault<TBool> training() {
    return training;
  }

  /**
   * The seed of a step's random ops (dropout): {@code [0, 0]} unless fed.
   *
   * @return the int64 vector placeholder
   */
  public PlaceholderWithDefault<TInt64> stepSeed() {
    return stepSeed;
  }

  /**
   * The weight variables by qualified name ({@code lstm/cell/kernel}).
   *
   * @return the variables
   */
  public Map<String, Variable<TFloat32>> variables() {
    return Collections.unmodifiableMap(variables);
  }

  /**
   * The variables the optimizer updates, in weight order.
   *
   * @return the trainable variables
   */
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
   *
   * @param session a session on this graph
   * @param seed the initialisation seed
   */
  public void initialize(Session session, long seed) {
    setWeights(session, initialWeights(model, seed));
  }

  /**
   * The weights a model starts with for a seed, computed in Java.
   *
   * @param model the model
   * @param seed the initialisation seed
   * @return every weight's initial value
   */
  public static Weights initialWeights(Model model, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    Map<String, FloatBlock> values = new LinkedHashMap<>();
    for (Map.Entry<String, WeightSpec> e : model.weights().entrySet()) {
      WeightSpec s = e.getValue();
      values.put(e.getKey(), FloatBlock.wrap(s.initializer().values(s.shape(), root.split()),
          s.shape()));
    }
    return Weights.of(values);
  }

  /**
   * Writes the given weights (a subset is fine).
   *
   * @param session a session on this graph
   * @param values the weights to write
   * @throws IllegalArgumentException naming an unknown weight (and listing the known ones) or a
   *     weight whose shape differs from the model's
   */
  public void setWeights(Session session, Weights values) {
    values.requireKnown("model '" + model.name() + "'", specs);
    if (values.size() == 0) {
      return; // a model without weights (or nothing to change): TensorFlow refuses empty runs
    }
    List<TFloat32> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, FloatBlock> e : values) {
        TFloat32 t = Tensors.float32(e.getValue());
        tensors.add(t);
        runner.feed(assignValues.get(e.getKey()), t).addTarget(assigns.get(e.getKey()));
      }
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /**
   * Reads every weight's current value.
   *
   * @param session a session on this graph
   * @return the weights by qualified name, in weight order
   */
  public Weights getWeights(Session session) {
    Map<String, FloatBlock> out = new LinkedHashMap<>();
    if (variables.isEmpty()) {
      return Weights.of(out);
    }
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
    return Weights.of(out);
  }

  /**
   * Feeds one input: converts the block to a tensor of the input's dtype and adds it to the
   * run.
   *
   * @param runner the run being prepared
   * @param index the input's position in the model
   * @param block the batched values
   * @return the tensor made; the caller closes it after the run
   * @throws IllegalArgumentException if an integer input is given values that are not whole
   */
  public Tensor feed(Session.Runner runner, int index, FloatBlock block) {
    SymbolicTensor spec = model.inputs().get(index);
    Placeholder<? extends TType> p = inputs.get(model.inputNames().get(index));
    Tensor t;
    try {
      t = spec.dtype() == DType.INT32 ? Tensors.int32(block) : Tensors.float32(block);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "input '" + model.inputNames().get(index) + "': " + e.getMessage(), e);
    }
    runner.feed(p, t);
    return t;
  }

  /**
   * Runs the forward pass once in inference mode: feeds {@code inputs} (in the model's input
   * order, whole batches) and returns every output.
   *
   * @param session a session on this graph
   * @param inputs one block per model input
   * @return one block per model output
   * @throws IllegalArgumentException if the count or a row shape does not fit the model
   */
  public List<FloatBlock> run(Session session, List<FloatBlock> inputs) {
    List<SymbolicTensor> in = model.inputs();
    if (inputs.size() != in.size()) {
      throw new IllegalArgumentException("model '" + model.name() + "' takes " + in.size()
          + " input(s) " + model.inputNames() + ", given " + inputs.size());
    }
    for (int i = 0; i < in.size(); i++) {
      if (!java.util.Arrays.equals(inputs.get(i).rowShape(), in.get(i).shape())) {
        throw new IllegalArgumentException("input '" + model.inputNames().get(i)
            + "' needs rows of shape " + java.util.Arrays.toString(in.get(i).shape())
            + ", given " + java.util.Arrays.toString(inputs.get(i).rowShape()));
      }
    }
    List<Tensor> feeds = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < in.size(); i++) {
        feeds.add(feed(runner, i, inputs.get(i)));
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
      feeds.forEach(Tensor::close);
    }
  }
}
