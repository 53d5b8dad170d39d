package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.TrainingContext;
import dev.seq2seq4j.train.TrainingListener;
import java.util.OptionalInt;

/**
 * Stops training after the first epoch whose training and validation per-character accuracy
 * both reach a target, the criterion Keras's addition example documents ("99% train/test
 * accuracy"). It decides from each epoch's logs alone, so a resumed run stops where an
 * uninterrupted one does.
 */
final class StopAtAccuracy implements TrainingListener {
  private final double target;

  /**
   * @param target the accuracy to reach, in (0, 1]
   */
  StopAtAccuracy(double target) {
    this.target = target;
  }

  @Override
  public void onEpochEnd(TrainingContext context, int epoch, EpochLogs logs) {
    if (reached(logs, target)) {
      context.stopTraining();
    }
  }

  /** Whether an epoch's logs reach the target on both sets. */
  static boolean reached(EpochLogs logs, double target) {
    return logs.get("accuracy").orElse(0) >= target
        && logs.get("val_accuracy").orElse(0) >= target;
  }

  /**
   * The first epoch (1-based) of a history that reached the target.
   *
   * @param history the history
   * @param target the accuracy
   * @return the epoch, or empty if none did
   */
  static OptionalInt firstEpoch(History history, double target) {
    for (int i = 0; i < history.epochs().size(); i++) {
      if (reached(history.epochs().get(i), target)) {
        return OptionalInt.of(i + 1);
      }
    }
    return OptionalInt.empty();
  }
}
