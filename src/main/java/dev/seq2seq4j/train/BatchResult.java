package dev.seq2seq4j.train;

import java.util.Arrays;

/**
 * The loss and metric values of one batch, as one training or test step computed them (before
 * the step's update, as Keras reports them).
 */
public final class BatchResult {
  private final int size;
  private final float loss;
  private final float[] metrics;

  BatchResult(int size, float loss, float[] metrics) {
    this.size = size;
    this.loss = loss;
    this.metrics = metrics;
  }

  /** The number of samples in the batch. */
  public int size() {
    return size;
  }

  /** The batch's mean loss. */
  public float loss() {
    return loss;
  }

  /** The value of metric {@code i}, in {@link CompiledModel#metricNames()} order. */
  public float metric(int i) {
    return metrics[i];
  }

  /** The number of metrics. */
  public int metricCount() {
    return metrics.length;
  }

  @Override
  public String toString() {
    return "BatchResult{size=" + size + ", loss=" + loss + ", metrics=" + Arrays.toString(metrics)
        + "}";
  }
}
