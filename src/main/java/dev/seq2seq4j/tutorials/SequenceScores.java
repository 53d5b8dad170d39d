package dev.seq2seq4j.tutorials;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted sequences match the true ones, the two ways every recipe reports: per
 * position (the fraction of the true sequences' positions predicted right, aligned from the
 * start; a prediction too short misses the rest) and whole sequence (exactly equal, length
 * included).
 *
 * @param rightPositions positions predicted right
 * @param positions positions in the true sequences
 * @param exact sequences predicted exactly
 * @param sequences sequences scored
 */
public record SequenceScores(long rightPositions, long positions, int exact, int sequences) {

  /**
   * Scores integer sequences.
   *
   * @param truth the true sequences
   * @param predicted the predictions, one per true sequence
   * @return the scores
   * @throws IllegalArgumentException if the counts differ
   */
  public static SequenceScores of(int[][] truth, int[][] predicted) {
    requireSameCount(truth.length, predicted.length);
    long right = 0;
    long positions = 0;
    int exact = 0;
    for (int i = 0; i < truth.length; i++) {
      int[] t = truth[i];
      int[] p = predicted[i];
      for (int k = 0; k < t.length; k++) {
        if (k < p.length && t[k] == p[k]) {
          right++;
        }
      }
      positions += t.length;
      if (Arrays.equals(t, p)) {
        exact++;
      }
    }
    return new SequenceScores(right, positions, exact, truth.length);
  }

  /**
   * Scores strings character by character.
   *
   * @param truth the true strings
   * @param predicted the predictions, one per true string
   * @return the scores
   * @throws IllegalArgumentException if the counts differ
   */
  public static SequenceScores ofText(List<String> truth, List<String> predicted) {
    requireSameCount(truth.size(), predicted.size());
    int[][] t = new int[truth.size()][];
    int[][] p = new int[truth.size()][];
    for (int i = 0; i < t.length; i++) {
      t[i] = truth.get(i).chars().toArray();
      p[i] = predicted.get(i).chars().toArray();
    }
    return of(t, p);
  }

  private static void requireSameCount(int truth, int predicted) {
    if (truth != predicted) {
      throw new IllegalArgumentException(
          truth + " true sequences but " + predicted + " predictions");
    }
  }

  /**
   * The fraction of positions right.
   *
   * @return per-position accuracy in [0, 1]
   */
  public double perPosition() {
    return rightPositions / (double) positions;
  }

  /**
   * The fraction of sequences exactly right.
   *
   * @return whole-sequence accuracy in [0, 1]
   */
  public double exactMatch() {
    return exact / (double) sequences;
  }

  /**
   * The two scores under the names recipes report them: {@code test_accuracy} (per position),
   * then {@code exact_match_accuracy}.
   *
   * @return a new, modifiable map in that order
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(RecipeResult.TEST_ACCURACY, perPosition());
    m.put(RecipeResult.EXACT_MATCH_ACCURACY, exactMatch());
    return m;
  }
}
