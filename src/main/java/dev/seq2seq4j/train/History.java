package dev.seq2seq4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Per-epoch metrics of one {@link CompiledModel#fit} run, like Keras's {@code History}. */
public final class History {
  private final List<EpochLogs> epochs = new ArrayList<>();
  private double trainSeconds;
  private long steps;

  void add(EpochLogs logs) {
    epochs.add(logs);
  }

  void finish(double seconds, long stepCount) {
    this.trainSeconds = seconds;
    this.steps = stepCount;
  }

  /** The logs of every epoch run, in order. */
  public List<EpochLogs> epochs() {
    return Collections.unmodifiableList(epochs);
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

  /** Wall-clock seconds spent in the training loop (optimizer steps and validation). */
  public double trainSeconds() {
    return trainSeconds;
  }

  /** The number of optimizer steps taken. */
  public long steps() {
    return steps;
  }
}
