package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import java.util.List;

/**
 * The decoder input of a teacher-forced encoder-decoder: a start token, then the target shifted
 * right by one step, so step {@code t} sees the true token of step {@code t - 1}.
 */
final class TeacherForcing {
  private TeacherForcing() {}

  /**
   * The shifted target: one-hot over the target's vocabulary plus one more index, the start
   * token, which only step 0 holds.
   *
   * @param y one-hot targets {@code [n, steps, vocabulary]}
   * @return {@code [n, steps, vocabulary + 1]}
   */
  static FloatBlock shiftedTarget(FloatBlock y) {
    int n = y.rows();
    int steps = (int) y.shape()[1];
    int vocabulary = (int) y.shape()[2];
    int width = vocabulary + 1;
    float[] src = y.data();
    float[] d = new float[n * steps * width];
    for (int s = 0; s < n; s++) {
      d[s * steps * width + vocabulary] = 1f;
      for (int t = 1; t < steps; t++) {
        System.arraycopy(src, (s * steps + t - 1) * vocabulary, d, (s * steps + t) * width,
            vocabulary);
      }
    }
    return FloatBlock.of(d, n, steps, width);
  }

  /**
   * The training data of an encoder-decoder: inputs {@code [source, shifted target]}, target y.
   *
   * @param d source x and target y
   * @return the teacher-forced dataset
   */
  static Dataset dataset(Dataset d) {
    return Dataset.of(List.of(d.x(), shiftedTarget(d.y())), d.y());
  }
}
