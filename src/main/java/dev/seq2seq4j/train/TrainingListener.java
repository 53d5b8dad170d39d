package dev.seq2seq4j.train;

/**
 * Hooks into {@link CompiledModel#fit}: progress output, early stopping, logging, checkpoints.
 * Every method does nothing by default.
 */
public interface TrainingListener {
  /** Called once before the first epoch. */
  default void onTrainBegin(TrainingContext context) {}

  /** Called before each epoch with the number of optimizer steps it will take. */
  default void onEpochBegin(TrainingContext context, int epoch, int steps) {}

  /** Called after each optimizer step with the epoch's running mean metrics so far. */
  default void onBatchEnd(TrainingContext context, int epoch, int step, EpochLogs running) {}

  /** Called after each epoch (and its validation) with the epoch's metrics. */
  default void onEpochEnd(TrainingContext context, int epoch, EpochLogs logs) {}

  /** Called once after the last epoch. */
  default void onTrainEnd(TrainingContext context, History history) {}
}
