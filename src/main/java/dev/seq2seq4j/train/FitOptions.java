package dev.seq2seq4j.train;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.train.state.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How {@link FitLoop} trains: epochs, batch size, shuffling, validation, listeners, and where
 * training state goes (written every few epochs) or comes from (a resume).
 */
public final class FitOptions {
  private final int epochs;
  private final int batchSize;
  private final boolean shuffle;
  private final long shuffleSeed;
  private final Dataset validation;
  private final List<TrainingListener> listeners;
  private final int checkpointEvery;
  private final Consumer<TrainingState> checkpointSink;
  private final TrainingState resumeFrom;

  private FitOptions(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.shuffleSeed = b.shuffleSeed;
    this.validation = b.validation;
    this.listeners = List.copyOf(b.listeners);
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointSink = b.checkpointSink;
    this.resumeFrom = b.resumeFrom;
  }

  /** Keras's defaults: 1 epoch, batch size 32, shuffled each epoch, no validation. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of epochs. */
  public int epochs() {
    return epochs;
  }

  /** Samples per optimizer step (the last batch of an epoch may be smaller). */
  public int batchSize() {
    return batchSize;
  }

  /** Whether samples are shuffled before each epoch. */
  public boolean shuffle() {
    return shuffle;
  }

  /** The seed of the shuffling order. */
  public long shuffleSeed() {
    return shuffleSeed;
  }

  /** The validation set, or {@code null}. */
  public Dataset validation() {
    return validation;
  }

  /** The listeners, called in order. */
  public List<TrainingListener> listeners() {
    return listeners;
  }

  /** Epochs between two training states handed to {@link #checkpointSink()} (0: never). */
  public int checkpointEvery() {
    return checkpointEvery;
  }

  /** Where training states go, or {@code null}. */
  public Consumer<TrainingState> checkpointSink() {
    return checkpointSink;
  }

  /** The state to resume from, or {@code null} to start afresh. */
  public TrainingState resumeFrom() {
    return resumeFrom;
  }

  /** Builds {@link FitOptions}. */
  public static final class Builder {
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private long shuffleSeed = 0;
    private Dataset validation;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private int checkpointEvery;
    private Consumer<TrainingState> checkpointSink;
    private TrainingState resumeFrom;

    private Builder() {}

    /** The number of epochs (>= 1). */
    public Builder epochs(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /** Samples per step (>= 1). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Whether to shuffle each epoch (default true, as Keras). */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /** The shuffling seed (default 0). */
    public Builder shuffleSeed(long seed) {
      this.shuffleSeed = seed;
      return this;
    }

    /** Data to compute {@code val_loss} (and {@code val_accuracy}) on after each epoch. */
    public Builder validation(Dataset validation) {
      this.validation = validation;
      return this;
    }

    /** Adds a listener (progress, early stopping, ...). */
    public Builder listener(TrainingListener listener) {
      listeners.add(listener);
      return this;
    }

    /**
     * Hands the training state to {@code sink} after every {@code epochs} epochs and after the
     * last one (e.g. {@code state -> state.save(dir)}), once the epoch's listeners have run.
     * A step whose loss is not finite stops training before the next state is written, so the
     * last one handed out is always good.
     *
     * @param epochs the interval, at least 1
     * @param sink receives each state
     */
    public Builder checkpointEvery(int epochs, Consumer<TrainingState> sink) {
      if (epochs < 1) {
        throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch, got " + epochs);
      }
      if (sink == null) {
        throw new IllegalArgumentException("a checkpoint sink is required");
      }
      this.checkpointEvery = epochs;
      this.checkpointSink = sink;
      return this;
    }

    /**
     * Continues from a saved state: the fit restores weights, optimizer, history and listener
     * states, replays the data source and shuffling for the completed epochs, and trains the
     * rest, ending bit for bit where an uninterrupted fit with the same settings would.
     *
     * @param state the state, from a fit of the same model with the same settings and data
     */
    public Builder resumeFrom(TrainingState state) {
      this.resumeFrom = state;
      return this;
    }

    /** The options. */
    public FitOptions build() {
      return new FitOptions(this);
    }
  }
}
