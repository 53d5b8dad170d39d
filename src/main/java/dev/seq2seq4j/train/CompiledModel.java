package dev.seq2seq4j.train;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.Tensors;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.optim.KerasOptimizer;
import dev.seq2seq4j.train.optim.OptimizerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A model ready to train, like a compiled Keras model: it owns a TensorFlow graph and session
 * holding the model, its loss, an accuracy metric (for categorical cross-entropy) and the
 * optimizer the options name.
 *
 * <p>Supports models with one output and any number of inputs (an encoder-decoder trained with
 * teacher forcing has two); a {@link Dataset} gives the inputs in the model's input order. Close
 * it to free native memory.
 */
public final class CompiledModel implements AutoCloseable {
  private static final int EVAL_BATCH = 256;
  private final Model model;
  private final CompileOptions options;
  private final Graph graph;
  private final Session session;
  private final ModelGraph modelGraph;
  private final Placeholder<TFloat32> target;
  private final Operand<TFloat32> output;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> accuracy;
  private final KerasOptimizer optimizer;
  private final Op trainStep;

  private CompiledModel(Model model, CompileOptions options) {
    if (model.outputs().size() != 1) {
      throw new IllegalArgumentException(
          "CompiledModel trains models with one output; '" + model.name() + "' has "
              + model.outputs().size());
    }
    this.model = model;
    this.options = options;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      modelGraph = ModelGraph.build(model, tf);
      output = modelGraph.outputs().get(0);
      long[] outShape = model.outputs().get(0).shape();
      target =
          tf.withName("target")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(Shapes.batched(outShape))));
      loss = tf.withName("loss").identity(options.loss().compute(tf, target, output));
      accuracy =
          options.loss().name().equals("categorical_crossentropy")
              ? tf.withName("accuracy").identity(categoricalAccuracy(tf, target, output))
              : null;
      optimizer = options.optimizer().create(graph);
      trainStep = buildTrainStep(tf);
      ConfigProto config =
          ConfigProto.newBuilder()
              .setIntraOpParallelismThreads(options.intraOpThreads())
              .setInterOpParallelismThreads(options.interOpThreads())
              .build();
      session = new Session(graph, config);
      session.initialize();
      modelGraph.initialize(session, options.seed());
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Builds the training graph for {@code model} and initialises its weights from the seed.
   *
   * @throws IllegalArgumentException if the model does not have exactly one output
   */
  public static CompiledModel compile(Model model, CompileOptions options) {
    return new CompiledModel(model, options);
  }

  private Op buildTrainStep(Ops tf) {
    // Gradients only for the model's trainable variables: the framework's minimize() would
    // differentiate with respect to every variable in the graph and fail (GUIDE §3).
    List<Variable<TFloat32>> vars = modelGraph.trainableVariables();
    Output<?>[] xs = new Output<?>[vars.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = vars.get(i).asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      pairs.add(gradAndVar(grads[i], xs[i]));
    }
    return optimizer.applyGradients(pairs, "train");
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> GradAndVar<T> gradAndVar(Output<?> grad, Output<?> var) {
    return new GradAndVar<>((Output<T>) grad, (Output<T>) var);
  }

  private static Operand<TFloat32> categoricalAccuracy(
      Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> hits =
        tf.dtypes.cast(
            tf.math.equal(
                tf.math.argMax(yTrue, tf.constant(-1)), tf.math.argMax(yPred, tf.constant(-1))),
            TFloat32.class);
    return Reductions.meanOfAll(tf, hits);
  }

  /** The model being trained. */
  public Model model() {
    return model;
  }

  /** The options it was compiled with. */
  public CompileOptions options() {
    return options;
  }

  /** Trains on the same data every epoch. */
  public History fit(Dataset data, FitOptions fit) {
    return fit(epoch -> data, fit);
  }

  /**
   * Trains, asking {@code dataForEpoch} for each epoch's data (Brownlee's tutorial draws fresh
   * samples every epoch).
   */
  public History fit(IntFunction<Dataset> dataForEpoch, FitOptions fit) {
    History history = new History();
    Context context = new Context(fit.epochs());
    SplittableRandom shuffler = new SplittableRandom(fit.shuffleSeed());
    fit.listeners().forEach(l -> l.onTrainBegin(context));
    long start = System.nanoTime();
    long totalSteps = 0;
    for (int epoch = 0; epoch < fit.epochs() && !context.stopRequested(); epoch++) {
      Dataset data = dataForEpoch.apply(epoch);
      requireCompatible(data, "training data");
      int n = data.size();
      int steps = (n + fit.batchSize() - 1) / fit.batchSize();
      for (TrainingListener l : fit.listeners()) {
        l.onEpochBegin(context, epoch, steps);
      }
      int[] order = order(n, fit.shuffle() ? shuffler : null);
      long epochSeed = new SplittableRandom(fit.shuffleSeed() * 1_000_003L + epoch).nextLong();
      double lossSum = 0;
      double accSum = 0;
      int seen = 0;
      for (int step = 0; step < steps; step++) {
        int from = step * fit.batchSize();
        int to = Math.min(n, from + fit.batchSize());
        Dataset batch = data.gather(Arrays.copyOfRange(order, from, to));
        float[] metrics = runLossAndAccuracy(batch, new long[] {epochSeed, step});
        int b = to - from;
        lossSum += metrics[0] * (double) b;
        accSum += metrics[1] * (double) b;
        seen += b;
        if (!fit.listeners().isEmpty()) {
          EpochLogs running = logs(lossSum / seen, accSum / seen, null);
          for (TrainingListener l : fit.listeners()) {
            l.onBatchEnd(context, epoch, step, running);
          }
        }
      }
      totalSteps += steps;
      Map<String, Double> val = fit.validation() == null ? null : evaluate(fit.validation());
      EpochLogs logs = logs(lossSum / seen, accSum / seen, val);
      history.add(logs);
      for (TrainingListener l : fit.listeners()) {
        l.onEpochEnd(context, epoch, logs);
      }
    }
    history.finish((System.nanoTime() - start) / 1e9, totalSteps);
    fit.listeners().forEach(l -> l.onTrainEnd(context, history));
    return history;
  }

  private EpochLogs logs(double lossMean, double accMean, Map<String, Double> val) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", lossMean);
    if (accuracy != null) {
      m.put("accuracy", accMean);
    }
    if (val != null) {
      for (Map.Entry<String, Double> e : val.entrySet()) {
        m.put("val_" + e.getKey(), e.getValue());
      }
    }
    return new EpochLogs(m);
  }

  private static int[] order(int n, SplittableRandom rnd) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (rnd != null) {
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
    }
    return idx;
  }

  /**
   * One optimizer step on one batch, in training mode (dropout drops), like Keras's {@code
   * train_on_batch}.
   *
   * @param batch the batch
   * @param stepSeed two numbers seeding the step's random ops (dropout masks)
   * @return the batch's loss and accuracy (NaN without accuracy), computed before the update
   * @throws IllegalArgumentException if the batch does not fit the model
   */
  public float[] trainOnBatch(Dataset batch, long[] stepSeed) {
    requireCompatible(batch, "training data");
    if (stepSeed == null || stepSeed.length != 2) {
      throw new IllegalArgumentException("a step seed is two numbers");
    }
    return runLossAndAccuracy(batch, stepSeed);
  }

  /**
   * Runs loss (and accuracy) on one batch; with a step seed, in training mode with an optimizer
   * step (the seed drives the step's dropout masks).
   */
  private float[] runLossAndAccuracy(Dataset batch, long[] stepSeed) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      for (int i = 0; i < batch.inputs().size(); i++) {
        feeds.add(modelGraph.feed(r, i, batch.inputs().get(i)));
      }
      TFloat32 y = Tensors.float32(batch.y());
      feeds.add(y);
      r.feed(target, y).fetch(loss);
      if (stepSeed != null) {
        TBool on = TBool.scalarOf(true);
        feeds.add(on);
        TInt64 seed = TInt64.vectorOf(stepSeed);
        feeds.add(seed);
        r.feed(modelGraph.training(), on).feed(modelGraph.stepSeed(), seed).addTarget(trainStep);
      }
      if (accuracy != null) {
        r.fetch(accuracy);
      }
      try (Result res = r.run()) {
        float l = ((TFloat32) res.get(0)).getFloat();
        float a = accuracy == null ? Float.NaN : ((TFloat32) res.get(1)).getFloat();
        return new float[] {l, a};
      }
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  /**
   * The mean loss (and accuracy, for categorical cross-entropy) over {@code data}, weighted by
   * batch size exactly as Keras's {@code evaluate} reports it.
   */
  public Map<String, Double> evaluate(Dataset data) {
    requireCompatible(data, "evaluation data");
    double lossSum = 0;
    double accSum = 0;
    int n = data.size();
    for (int from = 0; from < n; from += EVAL_BATCH) {
      Dataset batch = data.slice(from, Math.min(n, from + EVAL_BATCH));
      float[] m = runLossAndAccuracy(batch, null);
      lossSum += m[0] * (double) batch.size();
      accSum += m[1] * (double) batch.size();
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", lossSum / n);
    if (accuracy != null) {
      m.put("accuracy", accSum / n);
    }
    return m;
  }

  /**
   * The model's output for every row of {@code x} (a one-input model).
   *
   * @throws IllegalArgumentException if {@code x}'s row shape is not the model's input shape
   */
  public FloatBlock predict(FloatBlock x) {
    return predict(List.of(x));
  }

  /**
   * The model's output for every row of the inputs, given in the model's input order.
   *
   * @throws IllegalArgumentException if the count, row counts or row shapes do not fit the model
   */
  public FloatBlock predict(List<FloatBlock> xs) {
    requireInputs("input", xs);
    int n = xs.get(0).rows();
    long[] outRow = model.outputs().get(0).shape();
    int outSize = (int) Shapes.size(outRow);
    float[] out = new float[n * outSize];
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      List<Tensor> feeds = new ArrayList<>();
      try {
        Session.Runner r = session.runner();
        for (int i = 0; i < xs.size(); i++) {
          feeds.add(modelGraph.feed(r, i, xs.get(i).slice(from, to)));
        }
        try (Result res = r.fetch(output).run()) {
          FloatBlock batch = Tensors.toBlock(res.get(0));
          System.arraycopy(batch.data(), 0, out, from * outSize, batch.size());
        }
      } finally {
        feeds.forEach(Tensor::close);
      }
    }
    long[] shape = new long[outRow.length + 1];
    shape[0] = n;
    System.arraycopy(outRow, 0, shape, 1, outRow.length);
    return FloatBlock.of(out, shape);
  }

  /** The current weights by qualified name ({@code lstm/kernel}), in Keras order. */
  public Weights weights() {
    return modelGraph.getWeights(session);
  }

  /**
   * Overwrites some or all weights.
   *
   * @throws IllegalArgumentException for unknown names or wrong shapes
   */
  public void setWeights(Weights weights) {
    modelGraph.setWeights(session, weights);
  }

  /** The optimizer's slots, optimizer-wide values and step count, for an exact resume. */
  public OptimizerState optimizerState() {
    return optimizer.state(session);
  }

  /**
   * Restores the optimizer's state read by {@link #optimizerState()} from a model compiled the
   * same way.
   *
   * @throws IllegalArgumentException if the optimizer or the variables differ
   */
  public void setOptimizerState(OptimizerState state) {
    optimizer.setState(session, state);
  }

  private void requireCompatible(Dataset data, String what) {
    if (data == null || data.size() == 0) {
      throw new IllegalArgumentException(what + " is empty");
    }
    requireInputs(what, data.inputs());
    requireShape(what + " y", model.outputs().get(0).shape(), data.y());
  }

  private void requireInputs(String what, List<FloatBlock> xs) {
    int inputCount = model.inputs().size();
    if (xs.size() != inputCount) {
      throw new IllegalArgumentException(
          what + " has " + xs.size() + " input(s), but model '" + model.name() + "' takes "
              + inputCount + " " + model.inputNames());
    }
    for (int i = 0; i < xs.size(); i++) {
      String name = inputCount == 1 ? " x" : " input '" + model.inputNames().get(i) + "'";
      requireShape(what + name, model.inputs().get(i).shape(), xs.get(i));
      if (xs.get(i).rows() != xs.get(0).rows()) {
        throw new IllegalArgumentException(what + " inputs have different row counts");
      }
    }
  }

  private void requireShape(String what, long[] expectedRow, FloatBlock block) {
    if (!Arrays.equals(expectedRow, block.rowShape())) {
      throw new IllegalArgumentException(
          what + " has rows of shape " + Arrays.toString(block.rowShape()) + ", but model '"
              + model.name() + "' expects " + Arrays.toString(expectedRow));
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  private final class Context implements TrainingContext {
    private final int epochs;
    private boolean stop;

    Context(int epochs) {
      this.epochs = epochs;
    }

    @Override
    public void stopTraining() {
      stop = true;
    }

    @Override
    public boolean stopRequested() {
      return stop;
    }

    @Override
    public int epochs() {
      return epochs;
    }

    @Override
    public Weights weights() {
      return CompiledModel.this.weights();
    }

    @Override
    public void setWeights(Weights weights) {
      CompiledModel.this.setWeights(weights);
    }
  }
}
