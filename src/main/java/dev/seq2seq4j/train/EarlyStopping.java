package dev.seq2seq4j.train;

import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.state.ListenerState;
import dev.seq2seq4j.train.state.Stateful;

/**
 * Keras's {@code EarlyStopping(monitor, patience, restore_best_weights)}: stops once the monitored
 * value (lower is better) has not improved for {@code patience} epochs in a row. Its counters
 * (and best weights) travel in training states, so a resumed run stops where an uninterrupted
 * one would.
 */
public final class EarlyStopping implements TrainingListener, Stateful {
  private final String monitor;
  private final int patience;
  private final boolean restoreBestWeights;
  private double best;
  private int bestEpoch;
  private int wait;
  private int stoppedEpoch;
  private Weights bestWeights;

  /**
   * @param monitor the metric to watch, e.g. {@code val_loss}
   * @param patience epochs without improvement before stopping (>= 0)
   * @param restoreBestWeights whether to put back the best epoch's weights when stopping
   */
  public EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    this.monitor = monitor;
    this.patience = patience;
    this.restoreBestWeights = restoreBestWeights;
  }

  @Override
  public void onTrainBegin(TrainingContext context) {
    best = Double.POSITIVE_INFINITY;
    bestEpoch = -1;
    wait = 0;
    stoppedEpoch = -1;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(TrainingContext context, int epoch, EpochLogs logs) {
    double current =
        logs.get(monitor)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "EarlyStopping monitors '" + monitor + "', but the epoch logged only "
                            + logs.values().keySet()
                            + (monitor.startsWith("val_") ? " (pass validation data)" : "")));
    wait++;
    if (current < best) {
      best = current;
      bestEpoch = epoch;
      wait = 0;
      if (restoreBestWeights) {
        bestWeights = context.weights();
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      context.stopTraining();
      if (restoreBestWeights && bestWeights != null) {
        context.setWeights(bestWeights);
      }
    }
  }

  /** The epoch (0-based) at which training was stopped, or -1 if it ran to the end. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The epoch (0-based) with the best monitored value. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best monitored value seen. */
  public double best() {
    return best;
  }

  @Override
  public String stateKey() {
    return "early_stopping(" + monitor + ")";
  }

  @Override
  public ListenerState saveState() {
    ListenerState.Builder b = ListenerState.builder()
        .number("best", best)
        .integer("best_epoch", bestEpoch)
        .integer("wait", wait)
        .integer("stopped_epoch", stoppedEpoch);
    if (bestWeights != null) {
      b.weights("best_weights", bestWeights);
    }
    return b.build();
  }

  @Override
  public void restoreState(ListenerState state) {
    best = state.number("best");
    bestEpoch = (int) state.integer("best_epoch");
    wait = (int) state.integer("wait");
    stoppedEpoch = (int) state.integer("stopped_epoch");
    bestWeights = state.weights("best_weights");
  }
}
