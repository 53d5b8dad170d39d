package dev.seq2seq4j.bench;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.Tensors;
import dev.seq2seq4j.train.Loss;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.NodeOutput;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The machine's floor for a training step: the step's own matrix products, found by tracing one
 * real step (forward and gradients, as TensorFlow ran them, with their shapes), then timed alone
 * in a tight loop of TensorFlow MatMul ops with the same shapes and the same session settings.
 * Everything else a step does (activations, the loss, Adam, the ops' bookkeeping) is above it.
 */
public final class MatMulFloor {
  private MatMulFloor() {}

  /**
   * One product {@code op(A)[m, k] · op(B)[k, n]}.
   *
   * @param m rows of the result
   * @param k the shared dimension
   * @param n columns of the result
   * @param transposeA whether A is stored transposed ({@code [k, m]})
   * @param transposeB whether B is stored transposed ({@code [n, k]})
   */
  public record Product(long m, long k, long n, boolean transposeA, boolean transposeB) {
    /**
     * The floating-point operations of the product.
     *
     * @return {@code 2 m k n}
     */
    public long flops() {
      return 2 * m * k * n;
    }
  }

  /**
   * The matrix products of one training step (forward pass, loss and the gradients of every
   * trainable weight), as TensorFlow executed them for a batch of the given data.
   *
   * @param model the model
   * @param loss its loss
   * @param batch one batch of training data
   * @return the products, in execution order; empty if the trace recorded none
   */
  public static List<Product> stepProducts(Model model, Loss loss, Dataset batch) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ModelGraph mg = ModelGraph.build(model, tf);
      Operand<TFloat32> output = mg.outputs().get(0);
      Placeholder<TFloat32> target = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(Shapes.batched(model.outputs().get(0).shape()))));
      Operand<TFloat32> l = loss.compute(tf, target, output);
      Set<String> reach = opsReaching(l);
      List<Output<?>> vars = new ArrayList<>();
      for (Variable<TFloat32> v : mg.trainableVariables()) {
        if (reach.contains(v.op().name())) {
          vars.add(v.asOutput());
        }
      }
      Output<?>[] grads = g.addGradients(l.asOutput(), vars.toArray(new Output<?>[0]));
      try (Session s = new Session(g, sessionConfig())) {
        mg.initialize(s, 1);
        List<Tensor> feeds = new ArrayList<>();
        try {
          Session.Runner r = s.runner();
          for (int i = 0; i < batch.inputs().size(); i++) {
            feeds.add(mg.feed(r, i, batch.inputs().get(i)));
          }
          TFloat32 y = Tensors.float32(batch.y());
          feeds.add(y);
          TBool on = TBool.scalarOf(true);
          feeds.add(on);
          r.feed(target, y).feed(mg.training(), on).fetch(l);
          for (Output<?> grad : grads) {
            r.fetch(grad);
          }
          r.setOptions(RunOptions.newBuilder()
              .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
          try (Result res = r.runAndFetchMetadata()) {
            return res.getMetadata().map(MatMulFloor::products).orElse(List.of());
          }
        } finally {
          feeds.forEach(Tensor::close);
        }
      }
    }
  }

  /** The MatMul nodes of a trace, with shapes read from their inputs' and their own outputs. */
  static List<Product> products(RunMetadata metadata) {
    Map<String, List<long[]>> shapes = new HashMap<>();
    List<NodeExecStats> nodes = new ArrayList<>();
    for (DeviceStepStats d : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats n : d.getNodeStatsList()) {
        List<long[]> outs = new ArrayList<>();
        for (NodeOutput o : n.getOutputList()) {
          outs.add(dims(o.getTensorDescription().getShape()));
        }
        shapes.put(n.getNodeName(), outs);
        nodes.add(n);
      }
    }
    List<Product> products = new ArrayList<>();
    for (NodeExecStats n : nodes) {
      Traces.Call call = Traces.call(n.getTimelineLabel());
      if (call == null || !isMatMul(call.type())) {
        continue;
      }
      List<String> args = call.inputs();
      List<long[]> out = shapes.get(n.getNodeName());
      if (args.size() < 2 || out == null || out.isEmpty()) {
        continue;
      }
      long[] a = outputShape(shapes, args.get(0));
      long[] b = outputShape(shapes, args.get(1));
      Product p = a == null || b == null ? null : match(a, b, out.get(0));
      if (p != null) {
        products.add(p);
      }
    }
    return products;
  }

  private static long[] outputShape(Map<String, List<long[]>> shapes, String input) {
    String name = input;
    int index = 0;
    int colon = input.lastIndexOf(':');
    if (colon > 0 && input.substring(colon + 1).matches("\\d+")) {
      name = input.substring(0, colon);
      index = Integer.parseInt(input.substring(colon + 1));
    }
    List<long[]> outs = shapes.get(name);
    return outs == null || index >= outs.size() ? null : outs.get(index);
  }

  /** The transposition that makes {@code a · b} give {@code out}, or null if none does. */
  static Product match(long[] a, long[] b, long[] out) {
    if (a.length != 2 || b.length != 2 || out.length != 2) {
      return null;
    }
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 2) != 0;
      boolean tb = (t & 1) != 0;
      long m = ta ? a[1] : a[0];
      long ka = ta ? a[0] : a[1];
      long kb = tb ? b[1] : b[0];
      long n = tb ? b[0] : b[1];
      if (m == out[0] && n == out[1] && ka == kb) {
        return new Product(m, ka, n, ta, tb);
      }
    }
    return null;
  }

  private static long[] dims(TensorShapeProto shape) {
    long[] d = new long[shape.getDimCount()];
    for (int i = 0; i < d.length; i++) {
      d[i] = shape.getDim(i).getSize();
    }
    return d;
  }

  /** Every op that the value depends on, by name. */
  private static Set<String> opsReaching(Operand<?> value) {
    Set<String> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.add((GraphOperation) value.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (seen.add(op.name())) {
        for (int i = 0; i < op.numInputs(); i++) {
          todo.add((GraphOperation) op.input(i).op());
        }
      }
    }
    return seen;
  }

  /** The session settings of a training step: one intra-op thread, ops in the caller. */
  static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder().setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(-1).build();
  }

  /**
   * Seconds to run all the products once, timed as a tight loop: each repetition runs them
   * {@code runsPerRep} times (one session run each) and counts the mean.
   *
   * @param products the step's products
   * @param runsPerRep session runs per repetition
   * @param warmups uncounted repetitions
   * @param reps counted repetitions
   * @return seconds per step's worth of products
   * @throws IllegalArgumentException if there are no products
   * @throws IllegalStateException if TensorFlow does not run every product
   */
  public static Samples secondsPerStep(List<Product> products, int runsPerRep, int warmups,
      int reps) {
    return secondsPerStep(products, runsPerRep, warmups, reps, loopConfig());
  }

  /** {@link #secondsPerStep} in a session with the given settings. */
  static Samples secondsPerStep(List<Product> products, int runsPerRep, int warmups, int reps,
      ConfigProto config) {
    if (products.isEmpty()) {
      throw new IllegalArgumentException("no products to time");
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Op> all = new ArrayList<>();
      List<Op> inits = new ArrayList<>();
      for (Product p : products) {
        Variable<TFloat32> a = matrix(tf, inits, p.transposeA() ? p.k() : p.m(),
            p.transposeA() ? p.m() : p.k());
        Variable<TFloat32> b = matrix(tf, inits, p.transposeB() ? p.n() : p.k(),
            p.transposeB() ? p.k() : p.n());
        all.add(tf.linalg.matMul(a, b, MatMul.transposeA(p.transposeA()),
            MatMul.transposeB(p.transposeB())));
      }
      Op step = tf.withControlDependencies(all).noOp();
      Op init = tf.withControlDependencies(inits).noOp();
      try (Session s = new Session(g, config)) {
        s.run(init);
        requireAllRun(s, step, products.size());
        return Repeat.seconds(warmups, reps, () -> {
          for (int i = 0; i < runsPerRep; i++) {
            s.run(step);
          }
        }).times(1.0 / runsPerRep);
      }
    }
  }

  /**
   * The session settings of the timed loop: those of a training step, with Grappler's dependency
   * optimizer off. That optimizer turns an op whose outputs nobody reads into a NoOp, and the
   * loop reads none of its products: with it on, the "floor" timed empty session runs (above
   * 300 GFLOP/s on one core, beyond the core's peak).
   */
  static ConfigProto loopConfig() {
    return sessionConfig().toBuilder()
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
            RewriterConfig.newBuilder().setDependencyOptimization(RewriterConfig.Toggle.OFF)))
        .build();
  }

  /** Fails unless one traced run of {@code step} executes all {@code expected} products. */
  private static void requireAllRun(Session s, Op step, int expected) {
    long ran = matMulNodes(Traces.traceOnce(s, step));
    if (ran != expected) {
      throw new IllegalStateException("the floor loop ran " + ran + " of its " + expected
          + " matrix products: TensorFlow pruned the rest, so its time would not be a floor");
    }
  }

  /** The MatMul nodes a trace shows executed, fused or not (oneDNN builds say _MklMatMul). */
  static long matMulNodes(RunMetadata metadata) {
    return Traces.count(metadata, MatMulFloor::isMatMul);
  }

  private static boolean isMatMul(String opType) {
    return opType.endsWith("MatMul") && !opType.contains("Batch");
  }

  private static Variable<TFloat32> matrix(Ops tf, List<Op> inits, long rows, long cols) {
    Variable<TFloat32> v = tf.variable(Shape.of(rows, cols), TFloat32.class);
    inits.add(tf.assign(v, tf.random.randomUniform(tf.constant(new long[] {rows, cols}),
        TFloat32.class)));
    return v;
  }

  /**
   * The products' floating-point operations, summed.
   *
   * @param products the products
   * @return the total
   */
  public static long flops(List<Product> products) {
    long total = 0;
    for (Product p : products) {
      total += p.flops();
    }
    return total;
  }
}
