package dev.seq2seq4j.train;

import java.util.List;

/** Per-epoch metrics of one {@link FitLoop} run, like Keras's {@code History}. */
public final class History {
  private final List<EpochLogs> epochs;
  private final double trainSeconds;
  private final long steps;

  private History(List<EpochLogs> epochs, double trainSeconds, long steps) {
    this.epochs = List.copyOf(epochs);
    this.trainSeconds = trainSeconds;
    this.steps = steps;
  }

  /**
   * A finished history.
   *
   * @param epochs the logs of every epoch, in order
   * @param trainSeconds wall-clock seconds spent training
   * @param steps optimizer steps taken
   * @return the history
   */
  public static History of(List<EpochLogs> epochs, double trainSeconds, long steps) {
    return new History(epochs, trainSeconds, steps);
  }

  /** The logs of every epoch run, in order. */
  public List<EpochLogs> epochs() {
    return epochs;
  }

  /** How many epochs ran (fewer than asked if a listener stopped training). */
  public int epochsRun() {
    return epochs.size();
  }

  /** The logs of the last epoch run. */
  public EpochLogs last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch has run");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** One metric over all epochs ({@code NaN} where an epoch lacks it). */
  public double[] series(String metric) {
    double[] s = new double[epochs.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = epochs.get(i).get(metric).orElse(Double.NaN);
    }
    return s;
  }

  /**
   * Wall-clock seconds spent in the training loop (optimizer steps and validation; a resumed
   * run adds its earlier runs' seconds; writing training states is left out).
   */
  public double trainSeconds() {
    return trainSeconds;
  }

  /** The number of optimizer steps taken. */
  public long steps() {
    return steps;
  }
}
