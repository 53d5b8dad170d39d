package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * A trained model ready to predict, and nothing else: the forward graph of a {@link Model} in its
 * own TensorFlow graph and session, with no loss, optimizer or optimizer slots, its weights
 * written once, and fixed thread counts. Use it to serve predictions; use a {@code
 * CompiledModel} to train.
 *
 * <pre>{@code
 * try (InferenceModel m = InferenceModel.of(model, weights)) {
 *   FloatBlock probabilities = m.predict(x);
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may call {@link #predict} at once (each call runs in
 * its caller's thread by default, so concurrent calls use concurrent cores); {@link #close()}
 * waits for calls in progress and later calls fail with {@link IllegalStateException}. Every
 * call frees the native memory it used before returning.
 */
public final class InferenceModel implements AutoCloseable {
  private final Model model;
  private final Graph graph;
  private final Session session;
  private final ModelGraph modelGraph;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private InferenceModel(Builder b) {
    this.model = b.model;
    Graph g = new Graph();
    Session s = null;
    ModelGraph mg;
    try {
      mg = ModelGraph.build(model, Ops.create(g), b.rnnKernel);
      s = new Session(g, config(b.intraOpThreads, b.interOpThreads));
      mg.setWeights(s, b.weights.requireComplete("model '" + model.name() + "'",
          model.weights()));
    } catch (RuntimeException | Error e) {
      // Sessions go before their graph: closing a graph that a session still uses hangs.
      if (s != null) {
        s.close();
      }
      g.close();
      throw e;
    }
    this.graph = g;
    this.session = s;
    this.modelGraph = mg;
  }

  /**
   * The session's threads. A negative inter-op count makes TensorFlow run every op in the
   * calling thread, which saves a thread hand-off per call and lets concurrent callers use
   * concurrent cores.
   */
  private static ConfigProto config(int intraOp, int interOp) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOp)
        .setInterOpParallelismThreads(interOp == 0 ? -1 : interOp)
        .build();
  }

  /**
   * A model with the default settings: one intra-op thread, ops in the caller's thread,
   * recurrent layers unrolled (the reference numbers).
   *
   * @param model the architecture
   * @param weights every weight of the model, by qualified name
   * @return the model, ready to predict; close it
   * @throws IllegalArgumentException if a weight is missing, unknown or of the wrong shape
   */
  public static InferenceModel of(Model model, Weights weights) {
    return builder(model, weights).build();
  }

  /**
   * Settings for an inference model.
   *
   * @param model the architecture
   * @param weights every weight of the model, by qualified name
   * @return a builder with the defaults of {@link #of}
   */
  public static Builder builder(Model model, Weights weights) {
    return new Builder(model, weights);
  }

  /**
   * The architecture this model computes.
   *
   * @return the model
   */
  public Model model() {
    return model;
  }

  /**
   * The first output for every row of {@code x}, for a model with one input.
   *
   * @param x the batch, rows of the model's input shape
   * @return the first output, one row per input row
   * @throws IllegalArgumentException if the model has several inputs or the rows do not fit
   * @throws IllegalStateException if the model is closed
   */
  public FloatBlock predict(FloatBlock x) {
    return predictAll(List.of(x)).get(0);
  }

  /**
   * Every output for every row of the inputs, in one run.
   *
   * @param inputs one batch per model input, in the model's input order, with equal row counts
   * @return one block per model output, in the model's output order
   * @throws IllegalArgumentException if the count, the row counts or a row shape do not fit
   * @throws IllegalStateException if the model is closed
   */
  public List<FloatBlock> predictAll(List<FloatBlock> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    for (FloatBlock b : inputs) {
      if (b.rows() != inputs.get(0).rows()) {
        throw new IllegalArgumentException("inputs of model '" + model.name()
            + "' have different row counts");
      }
    }
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("inference model '" + model.name() + "' is closed");
      }
      return modelGraph.run(session, inputs);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Frees the native session and graph after the calls in progress end. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        try {
          session.close();
        } finally {
          graph.close();
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Settings of an {@link InferenceModel}; the defaults are those of {@link #of}. */
  public static final class Builder {
    private final Model model;
    private final Weights weights;
    private int intraOpThreads = 1;
    private int interOpThreads;
    private RnnKernel rnnKernel = RnnKernel.UNROLLED;

    private Builder(Model model, Weights weights) {
      this.model = Objects.requireNonNull(model, "model");
      this.weights = Objects.requireNonNull(weights, "weights");
    }

    /**
     * TensorFlow's thread counts (default 1 and 0). Fixed counts keep results repeatable.
     *
     * @param intraOp threads that split one op's work, at least 1
     * @param interOp threads that run independent ops, or 0 to run every op in the calling
     *     thread
     * @return this builder
     * @throws IllegalArgumentException if {@code intraOp < 1} or {@code interOp < 0}
     */
    public Builder threads(int intraOp, int interOp) {
      if (intraOp < 1 || interOp < 0) {
        throw new IllegalArgumentException(
            "thread counts must be intra-op >= 1 and inter-op >= 0, got " + intraOp + " and "
                + interOp);
      }
      this.intraOpThreads = intraOp;
      this.interOpThreads = interOp;
      return this;
    }

    /**
     * How recurrent layers become ops (default {@link RnnKernel#UNROLLED}).
     *
     * @param kernel the choice
     * @return this builder
     */
    public Builder rnnKernel(RnnKernel kernel) {
      this.rnnKernel = Objects.requireNonNull(kernel, "kernel");
      return this;
    }

    /**
     * Builds the graph and session and writes the weights.
     *
     * @return the model; close it
     * @throws IllegalArgumentException if a weight is missing, unknown or of the wrong shape
     */
    public InferenceModel build() {
      return new InferenceModel(this);
    }
  }
}
