package dev.seq2seq4j.train;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.Tensors;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.metrics.Metric;
import dev.seq2seq4j.train.optim.KerasOptimizer;
import dev.seq2seq4j.train.optim.OptimizerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * holding the model, its loss, its metrics and one optimizer step, and runs single steps
 * ({@link #trainOnBatch}), evaluation and prediction. {@link FitLoop} drives epochs over it;
 * {@link #fit} is a shortcut for that.
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
  private final List<Metric> metrics;
  private final List<Operand<TFloat32>> metricOps = new ArrayList<>();
  private final KerasOptimizer optimizer;
  private final Op trainStep;
  private final FeedTensors feeds = new FeedTensors();
  private TBool trainingOn;
  private TInt64 seedTensor;

  private CompiledModel(Model model, CompileOptions options) {
    if (model.outputs().size() != 1) {
      throw new IllegalArgumentException(
          "CompiledModel trains models with one output; '" + model.name() + "' has "
              + model.outputs().size());
    }
    TrainingBudget.check(model, options);
    this.model = model;
    this.options = options;
    this.metrics = options.metrics();
    Graph g = new Graph();
    Session s = null;
    try {
      Ops tf = Ops.create(g);
      modelGraph = ModelGraph.build(model, tf, options.rnnKernel());
      output = modelGraph.outputs().get(0);
      long[] outShape = model.outputs().get(0).shape();
      target =
          tf.withName("target")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(Shapes.batched(outShape))));
      loss = tf.withName("loss").identity(options.loss().compute(tf, target, output));
      for (Metric m : metrics) {
        metricOps.add(tf.withName(opName(m.name())).identity(m.batchValue(tf, target, output)));
      }
      optimizer = options.optimizer().create(g);
      Op optimizerStep = buildTrainStep(g, tf);
      // Layers' own training updates (moving statistics) run in the same step.
      trainStep = modelGraph.updates().isEmpty() ? optimizerStep
          : tf.withControlDependencies(concat(optimizerStep, modelGraph.updates())).noOp();
      ConfigProto config =
          ConfigProto.newBuilder()
              .setIntraOpParallelismThreads(options.intraOpThreads())
              // A negative count is TensorFlow's "run every op in the caller's thread".
              .setInterOpParallelismThreads(
                  options.interOpThreads() == 0 ? -1 : options.interOpThreads())
              .build();
      s = new Session(g, config);
      s.initialize();
      modelGraph.initialize(s, options.seed());
    } catch (RuntimeException | Error e) {
      // The session must go first: closing a graph that an open session still uses waits for
      // that session forever (GUIDE §9), which turned native failures into hangs.
      closeAfterFailure(s, g, e);
      throw e;
    }
    this.graph = g;
    this.session = s;
  }

  private static void closeAfterFailure(Session s, Graph g, Throwable failure) {
    if (s != null) {
      try {
        s.close();
      } catch (RuntimeException | Error e) {
        failure.addSuppressed(e);
      }
    }
    try {
      g.close();
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  private static String opName(String metricName) {
    return "metric_" + metricName.replaceAll("[^A-Za-z0-9_.\\-]", "_");
  }

  /**
   * Builds the training graph for {@code model} and initialises its weights from the seed.
   *
   * @throws IllegalArgumentException if the model does not have exactly one output, is larger
   *     than the options' limits, or an optimizer hyper-parameter is out of range
   */
  public static CompiledModel compile(Model model, CompileOptions options) {
    return new CompiledModel(model, options);
  }

  private Op buildTrainStep(Graph g, Ops tf) {
    // Gradients only for the model's trainable variables: the framework's minimize() would
    // differentiate with respect to every variable in the graph and fail (GUIDE §3).
    List<Variable<TFloat32>> vars = modelGraph.trainableVariables();
    // A variable the loss does not depend on (an LSTM's recurrent kernel over one timestep from a
    // zero state, whose h·R the unrolled loop skips) has gradient zero, as Keras computes it;
    // TensorFlow refuses to differentiate with respect to it at all.
    Set<String> reachable = GraphReach.opsReaching(loss);
    List<Output<?>> reached = new ArrayList<>();
    for (Variable<TFloat32> v : vars) {
      if (reachable.contains(v.op().name())) {
        reached.add(v.asOutput());
      }
    }
    Output<?>[] grads = reached.isEmpty()
        ? new Output<?>[0]
        : g.addGradients(loss.asOutput(), reached.toArray(new Output<?>[0]));
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    int next = 0;
    for (Variable<TFloat32> v : vars) {
      Output<?> grad = reachable.contains(v.op().name())
          ? grads[next++]
          : tf.zerosLike(v).asOutput();
      pairs.add(gradAndVar(grad, v.asOutput()));
    }
    return optimizer.applyGradients(pairs, "train");
  }

  private static List<Op> concat(Op first, List<Op> rest) {
    List<Op> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> GradAndVar<T> gradAndVar(Output<?> grad, Output<?> var) {
    return new GradAndVar<>((Output<T>) grad, (Output<T>) var);
  }

  /** The model being trained. */
  public Model model() {
    return model;
  }

  /** The options it was compiled with. */
  public CompileOptions options() {
    return options;
  }

  /** The names of the metrics, in log order (the loss, logged as {@code loss}, comes first). */
  public List<String> metricNames() {
    List<String> names = new ArrayList<>();
    metrics.forEach(m -> names.add(m.name()));
    return names;
  }

  /** The metrics, in log order. */
  List<Metric> metrics() {
    return metrics;
  }

  /** Trains on the same data every epoch. */
  public History fit(Dataset data, FitOptions fit) {
    return fit(epoch -> data, fit);
  }

  /**
   * Trains, asking {@code dataForEpoch} for each epoch's data (Brownlee's tutorial draws fresh
   * samples every epoch); see {@link FitLoop}.
   */
  public History fit(IntFunction<Dataset> dataForEpoch, FitOptions fit) {
    return new FitLoop(this, fit).run(dataForEpoch);
  }

  /**
   * One optimizer step on one batch, in training mode (dropout drops), like Keras's {@code
   * train_on_batch}.
   *
   * @param batch the batch
   * @param stepSeed two numbers seeding the step's random ops (dropout masks)
   * @return the batch's loss and metrics, computed before the update
   * @throws IllegalArgumentException if the batch does not fit the model
   */
  public BatchResult trainOnBatch(Dataset batch, long[] stepSeed) {
    requireCompatible(batch, "training data");
    if (stepSeed == null || stepSeed.length != 2) {
      throw new IllegalArgumentException("a step seed is two numbers");
    }
    return run(batch, stepSeed);
  }

  /** {@link #trainOnBatch} without the checks, for a loop that checked its epoch's data once. */
  BatchResult step(Dataset batch, long[] stepSeed) {
    return run(batch, stepSeed);
  }

  /**
   * Loss and metrics on one batch; with a step seed, in training mode with an optimizer step.
   * Float inputs, the target and the two flags are refilled tensors kept between steps (no native
   * allocation per step); synchronized because those tensors are shared.
   */
  private synchronized BatchResult run(Dataset batch, long[] stepSeed) {
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      int inputs = batch.inputs().size();
      for (int i = 0; i < inputs; i++) {
        FloatBlock x = batch.inputs().get(i);
        if (model.inputs().get(i).dtype() == DType.FLOAT32) {
          r.feed(modelGraph.inputs().get(model.inputNames().get(i)), feeds.float32(i, x));
        } else {
          owned.add(modelGraph.feed(r, i, x));
        }
      }
      r.feed(target, feeds.float32(inputs, batch.y())).fetch(loss);
      if (stepSeed != null) {
        if (trainingOn == null) {
          trainingOn = TBool.scalarOf(true);
          seedTensor = TInt64.vectorOf(0, 0);
        }
        seedTensor.setLong(stepSeed[0], 0);
        seedTensor.setLong(stepSeed[1], 1);
        r.feed(modelGraph.training(), trainingOn).feed(modelGraph.stepSeed(), seedTensor)
            .addTarget(trainStep);
      }
      metricOps.forEach(r::fetch);
      try (Result res = r.run()) {
        float l = ((TFloat32) res.get(0)).getFloat();
        float[] m = new float[metricOps.size()];
        for (int i = 0; i < m.length; i++) {
          m[i] = ((TFloat32) res.get(i + 1)).getFloat();
        }
        return new BatchResult(batch.size(), l, m);
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /**
   * The mean loss and metrics over {@code data}, weighted by batch size exactly as Keras's
   * {@code evaluate} reports them.
   *
   * @return {@code loss} and each metric by name
   */
  public Map<String, Double> evaluate(Dataset data) {
    requireCompatible(data, "evaluation data");
    MetricMeans means = new MetricMeans(metrics);
    int n = data.size();
    for (int from = 0; from < n; from += EVAL_BATCH) {
      means.add(run(data.slice(from, Math.min(n, from + EVAL_BATCH)), null));
    }
    return means.values();
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

  void requireCompatible(Dataset data, String what) {
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
  public synchronized void close() {
    try {
      session.close();
    } finally {
      graph.close();
      feeds.close();
      if (trainingOn != null) {
        trainingOn.close();
        seedTensor.close();
      }
    }
  }

  /**
   * Running means of the loss and metrics over batches, combined as each metric's weighting says
   * (by samples, as Keras's mean metrics, unless a metric asks otherwise).
   */
  static final class MetricMeans {
    private final List<Metric> metrics;
    private double lossSum;
    private final double[] sums;
    private int samples;
    private int batches;

    MetricMeans(List<Metric> metrics) {
      this.metrics = metrics;
      this.sums = new double[metrics.size()];
    }

    void add(BatchResult r) {
      int b = r.size();
      lossSum += r.loss() * (double) b;
      for (int i = 0; i < sums.length; i++) {
        sums[i] += metrics.get(i).weighting() == Metric.Weighting.SAMPLES
            ? r.metric(i) * (double) b
            : r.metric(i);
      }
      samples += b;
      batches++;
    }

    /** {@code loss} first, then each metric by name. */
    Map<String, Double> values() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("loss", lossSum / samples);
      for (int i = 0; i < sums.length; i++) {
        m.put(metrics.get(i).name(), metrics.get(i).weighting() == Metric.Weighting.SAMPLES
            ? sums[i] / samples
            : sums[i] / batches);
      }
      return m;
    }
  }
}
