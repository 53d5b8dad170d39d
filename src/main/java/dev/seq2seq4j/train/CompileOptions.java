package dev.seq2seq4j.train;

import dev.seq2seq4j.nn.rnn.RnnKernel;
import dev.seq2seq4j.train.metrics.Metric;
import dev.seq2seq4j.train.metrics.Metrics;
import dev.seq2seq4j.train.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link CompiledModel#compile} sets a model up, as Keras's {@code compile}: loss, optimizer
 * and metrics, plus the initial-weight seed, thread counts and the size limits that keep a
 * mistyped size from building a graph that cannot train.
 */
public final class CompileOptions {
  /** Default largest number of weights a model may have. */
  public static final long DEFAULT_MAX_PARAMETERS = 10_000_000L;
  /** Default largest number of recurrent timesteps a model may unroll in its graph. */
  public static final int DEFAULT_MAX_UNROLLED_STEPS = 512;

  private final Loss loss;
  private final OptimizerSpec optimizer;
  private final List<Metric> metrics;
  private final long seed;
  private final int intraOpThreads;
  private final int interOpThreads;
  private final long maxParameters;
  private final int maxUnrolledSteps;
  private final RnnKernel rnnKernel;

  private CompileOptions(Builder b) {
    this.loss = b.loss;
    this.optimizer = b.learningRate == null ? b.optimizer
        : b.optimizer.withLearningRate(b.learningRate);
    List<Metric> m = new ArrayList<>();
    if (b.metrics == null) {
      loss.defaultMetrics().forEach(name -> m.add(Metrics.byName(name)));
    } else {
      m.addAll(b.metrics);
    }
    this.metrics = List.copyOf(m);
    this.seed = b.seed;
    this.intraOpThreads = b.intraOpThreads;
    this.interOpThreads = b.interOpThreads;
    this.maxParameters = b.maxParameters;
    this.maxUnrolledSteps = b.maxUnrolledSteps;
    this.rnnKernel = b.rnnKernel;
  }

  /** Options for training with {@code loss}, Keras's default Adam and the loss's metrics. */
  public static Builder builder(Loss loss) {
    return new Builder(loss);
  }

  /** The training loss. */
  public Loss loss() {
    return loss;
  }

  /** The optimizer and its hyper-parameters. */
  public OptimizerSpec optimizer() {
    return optimizer;
  }

  /** The optimizer's learning rate. */
  public float learningRate() {
    return (float) optimizer.learningRate();
  }

  /** The metrics, in log order (after {@code loss}). */
  public List<Metric> metrics() {
    return metrics;
  }

  /** The seed of the initial weights. */
  public long seed() {
    return seed;
  }

  /** TensorFlow's intra-op thread count (fixed, so runs repeat bit for bit). */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** TensorFlow's inter-op thread count; 0 (the default): every op runs in the calling thread. */
  public int interOpThreads() {
    return interOpThreads;
  }

  /** The largest number of weights (parameters) a model may have. */
  public long maxParameters() {
    return maxParameters;
  }

  /** The largest number of recurrent timesteps a model may unroll in its graph. */
  public int maxUnrolledSteps() {
    return maxUnrolledSteps;
  }

  /** How recurrent layers become ops ({@link RnnKernel#UNROLLED} unless chosen). */
  public RnnKernel rnnKernel() {
    return rnnKernel;
  }

  /** Builds {@link CompileOptions}. */
  public static final class Builder {
    private final Loss loss;
    private OptimizerSpec optimizer = OptimizerSpec.adam();
    private Double learningRate;
    private List<Metric> metrics;
    private long seed = 1;
    private int intraOpThreads = 1;
    private int interOpThreads = 0;
    private long maxParameters = DEFAULT_MAX_PARAMETERS;
    private int maxUnrolledSteps = DEFAULT_MAX_UNROLLED_STEPS;
    private RnnKernel rnnKernel = RnnKernel.UNROLLED;

    private Builder(Loss loss) {
      if (loss == null) {
        throw new IllegalArgumentException("a loss is required");
      }
      this.loss = loss;
    }

    /**
     * The optimizer by Keras name with Keras's defaults: {@code adam} (the default), {@code
     * sgd}, {@code rmsprop}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public Builder optimizer(String kerasName) {
      return optimizer(OptimizerSpec.of(kerasName));
    }

    /** The optimizer with its hyper-parameters. */
    public Builder optimizer(OptimizerSpec spec) {
      if (spec == null) {
        throw new IllegalArgumentException("an optimizer is required");
      }
      this.optimizer = spec;
      return this;
    }

    /**
     * The learning rate, overriding the optimizer's (whichever optimizer is chosen, before or
     * after this call).
     */
    public Builder learningRate(float lr) {
      this.learningRate = (double) lr;
      return this;
    }

    /**
     * The metrics by Keras name, logged under the names given ({@code accuracy}, {@code
     * categorical_accuracy}, {@code binary_accuracy}, {@code mae}, {@code mse}); none at all
     * with no names. Without this call the loss's {@link Loss#defaultMetrics() defaults} apply.
     *
     * @throws IllegalArgumentException for an unknown or repeated name
     */
    public Builder metrics(String... names) {
      List<Metric> m = new ArrayList<>();
      for (String n : names) {
        m.add(Metrics.byName(n));
      }
      return metrics(m);
    }

    /**
     * The metrics, in log order.
     *
     * @throws IllegalArgumentException if two share a name or one is named {@code loss}
     */
    public Builder metrics(List<Metric> list) {
      List<String> seen = new ArrayList<>();
      for (Metric m : list) {
        if (m.name().equals("loss") || m.name().startsWith("val_") || seen.contains(m.name())) {
          throw new IllegalArgumentException("metric name '" + m.name() + "' is "
              + (seen.contains(m.name()) ? "repeated" : "reserved for the loss"));
        }
        seen.add(m.name());
      }
      this.metrics = List.copyOf(list);
      return this;
    }

    /** The weight-initialisation seed (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * TensorFlow thread counts (default 1 and 0: the tutorial models are small enough that one
     * thread is fastest, and fixed counts keep results repeatable). An inter-op count of 0 runs
     * every op in the thread that calls the step, with no hand-off to a pool thread; trainings
     * in parallel threads then run in parallel. TensorFlow sizes its intra-op pool once per
     * process, from the first session: a later model's intra-op count has no effect.
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
     * The size limits checked before any graph is built (defaults {@value
     * #DEFAULT_MAX_PARAMETERS} parameters and {@value #DEFAULT_MAX_UNROLLED_STEPS} unrolled
     * timesteps).
     *
     * @param parameters the largest weight count
     * @param unrolledSteps the largest number of recurrent steps, summed over recurrent layers
     */
    public Builder limits(long parameters, int unrolledSteps) {
      if (parameters < 1 || unrolledSteps < 1) {
        throw new IllegalArgumentException("limits must be >= 1");
      }
      this.maxParameters = parameters;
      this.maxUnrolledSteps = unrolledSteps;
      return this;
    }

    /**
     * How recurrent layers become ops (default {@link RnnKernel#UNROLLED}, the reference
     * numbers). {@link RnnKernel#FUSED} trains LSTMs through TensorFlow's fused kernel: fewer
     * ops per step, float32 results that differ from the unrolled ones by rounding.
     */
    public Builder rnnKernel(RnnKernel kernel) {
      if (kernel == null) {
        throw new IllegalArgumentException("an RNN kernel is required");
      }
      this.rnnKernel = kernel;
      return this;
    }

    /** The options. */
    public CompileOptions build() {
      return new CompileOptions(this);
    }
  }
}
