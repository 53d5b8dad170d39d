package dev.seq2seq4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Times work repeatedly: warm-ups first (not counted), then the counted repetitions. Several
 * variants are interleaved, repetition by repetition (and in a rotating order), so that a
 * shared machine's bursts of load fall on all of them alike.
 */
public final class Repeat {
  private Repeat() {}

  /**
   * Seconds per repetition of one piece of work.
   *
   * @param warmups uncounted runs first
   * @param reps counted runs, at least 1
   * @param work the work
   * @return one sample per counted run, in seconds
   */
  public static Samples seconds(int warmups, int reps, Runnable work) {
    return interleaved(warmups, reps, List.of(work)).get(0);
  }

  /**
   * Seconds per repetition of several variants, interleaved.
   *
   * @param warmups uncounted runs of each variant first
   * @param reps counted runs of each variant, at least 1
   * @param variants the work of each variant
   * @return one {@link Samples} per variant, in the given order
   * @throws IllegalArgumentException if {@code reps < 1}
   */
  public static List<Samples> interleaved(int warmups, int reps, List<Runnable> variants) {
    if (reps < 1) {
      throw new IllegalArgumentException("at least one repetition, got " + reps);
    }
    for (int w = 0; w < warmups; w++) {
      variants.forEach(Runnable::run);
    }
    int n = variants.size();
    double[][] t = new double[n][reps];
    for (int r = 0; r < reps; r++) {
      for (int k = 0; k < n; k++) {
        int v = (k + r) % n;
        long start = System.nanoTime();
        variants.get(v).run();
        t[v][r] = (System.nanoTime() - start) / 1e9;
      }
    }
    List<Samples> out = new ArrayList<>();
    for (double[] row : t) {
      out.add(Samples.of(row));
    }
    return out;
  }

  /**
   * The seconds of each of {@code calls} single calls, for latency percentiles.
   *
   * @param warmups uncounted calls first
   * @param calls counted calls, at least 1
   * @param call one call
   * @return one sample per call, in seconds
   */
  public static Samples eachCall(int warmups, int calls, Runnable call) {
    for (int w = 0; w < warmups; w++) {
      call.run();
    }
    double[] t = new double[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.run();
      t[i] = (System.nanoTime() - start) / 1e9;
    }
    return Samples.of(t);
  }
}
