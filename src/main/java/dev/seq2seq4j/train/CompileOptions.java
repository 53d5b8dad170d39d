package dev.seq2seq4j.train;

/** How {@link CompiledModel#compile} sets a model up: loss, optimizer, seed, threads. */
public final class CompileOptions {
  private final Loss loss;
  private final float learningRate;
  private final long seed;
  private final int intraOpThreads;
  private final int interOpThreads;

  private CompileOptions(Builder b) {
    this.loss = b.loss;
    this.learningRate = b.learningRate;
    this.seed = b.seed;
    this.intraOpThreads = b.intraOpThreads;
    this.interOpThreads = b.interOpThreads;
  }

  /** Options for training with {@code loss} and Keras's default Adam. */
  public static Builder builder(Loss loss) {
    return new Builder(loss);
  }

  /** The training loss. */
  public Loss loss() {
    return loss;
  }

  /** Adam's learning rate. */
  public float learningRate() {
    return learningRate;
  }

  /** The seed of the initial weights. */
  public long seed() {
    return seed;
  }

  /** TensorFlow's intra-op thread count (fixed, so runs repeat bit for bit). */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** TensorFlow's inter-op thread count. */
  public int interOpThreads() {
    return interOpThreads;
  }

  /** Builds {@link CompileOptions}. */
  public static final class Builder {
    private final Loss loss;
    private float learningRate = KerasAdam.DEFAULT_LEARNING_RATE;
    private long seed = 1;
    private int intraOpThreads = 1;
    private int interOpThreads = 1;

    private Builder(Loss loss) {
      if (loss == null) {
        throw new IllegalArgumentException("a loss is required");
      }
      this.loss = loss;
    }

    /** Adam's learning rate (default 1e-3). */
    public Builder learningRate(float lr) {
      this.learningRate = lr;
      return this;
    }

    /** The weight-initialisation seed (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * TensorFlow thread counts (default 1 and 1: the tutorial models are small enough that one
     * thread is fastest, and fixed counts keep results repeatable).
     */
    public Builder threads(int intraOp, int interOp) {
      if (intraOp < 1 || interOp < 1) {
        throw new IllegalArgumentException("thread counts must be >= 1");
      }
      this.intraOpThreads = intraOp;
      this.interOpThreads = interOp;
      return this;
    }

    /** The options. */
    public CompileOptions build() {
      return new CompileOptions(this);
    }
  }
}
