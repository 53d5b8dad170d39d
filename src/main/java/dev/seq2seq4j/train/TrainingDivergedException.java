package dev.seq2seq4j.train;

import java.util.Locale;

/**
 * Thrown when a training step's loss is NaN or infinite: the weights are then ruined, so the
 * loop stops at once instead of training on (Keras's {@code TerminateOnNaN} stops too). Saved
 * training states and weights from before the step are left as they were.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int epoch;
  private final int step;

  /**
   * @param epoch the 1-based epoch, as progress lines count
   * @param step the 1-based step within the epoch
   * @param loss the loss the step computed
   */
  public TrainingDivergedException(int epoch, int step, float loss) {
    super(String.format(Locale.ROOT, "training diverged at epoch %d step %d: loss is %s", epoch,
        step, Float.toString(loss)));
    this.epoch = epoch;
    this.step = step;
  }

  /** The 1-based epoch of the step that diverged. */
  public int epoch() {
    return epoch;
  }

  /** The 1-based step within that epoch. */
  public int step() {
    return step;
  }
}
