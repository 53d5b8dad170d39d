package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.train.EarlyStopping;

/**
 * Karakaya's data sizes and training schedule, shared by his recipes and the attention models
 * that go beyond them: values 0..9, a test set a tenth the size of the training set, and
 * {@code EarlyStopping(monitor='val_loss', patience=5)} on the test set (Keras's default
 * {@code restore_best_weights=False}).
 */
final class KarakayaSchedule {
  /** The tutorial's number of distinct values (one-hot depth). */
  static final int FEATURES = 10;
  /** The tutorial's EarlyStopping patience. */
  static final int PATIENCE = 5;

  private KarakayaSchedule() {}

  /**
   * Test samples for a training size: a tenth, as 200 for 2000 in the tutorial.
   *
   * @param trainSamples training samples
   * @return test samples, at least 1
   */
  static int testSamples(int trainSamples) {
    return Math.max(1, trainSamples / 10);
  }

  /**
   * The tutorial's early stopping with a patience.
   *
   * @param patience epochs without a better val_loss before stopping
   * @return the listener
   */
  static EarlyStopping earlyStopping(int patience) {
    return new EarlyStopping("val_loss", patience, false);
  }
}
