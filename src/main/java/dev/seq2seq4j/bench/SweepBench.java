package dev.seq2seq4j.bench;

import dev.seq2seq4j.tutorials.RecipeConfig;
import dev.seq2seq4j.tutorials.Reporter;
import dev.seq2seq4j.tutorials.Sweep;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Karakaya's sweep (four wirings x lengths x seeds) one training at a time, then with several
 * trainings at once, in the same run, after an uncounted one-epoch warm-up of both; both must
 * give the same cells.
 */
public final class SweepBench {
  private SweepBench() {}

  /**
   * Both timings and whether the cells agree.
   *
   * @param sequentialSeconds wall time one training at a time
   * @param parallelSeconds wall time with {@code jobs} trainings at once
   * @param jobs trainings at once
   * @param runs trainings in the sweep
   * @param identical whether every run gave the same accuracy and epochs both ways
   * @param sequentialCores this process's CPU time / wall time one training at a time
   * @param parallelCores the same with {@code jobs} trainings at once: below {@code jobs}
   *     when the machine did not give the process that many cores
   */
  public record Result(double sequentialSeconds, double parallelSeconds, int jobs, int runs,
      boolean identical, double sequentialCores, double parallelCores) {
    /**
     * How many times faster the parallel sweep was.
     *
     * @return sequential / parallel
     */
    public double speedup() {
      return sequentialSeconds / parallelSeconds;
    }
  }

  /**
   * Runs the sweep both ways.
   *
   * @param seeds seeds per cell
   * @param lengths sequence lengths
   * @param epochs maximum epochs per run, or null for the tutorial's
   * @param samples training samples per run, or null for the tutorial's
   * @param jobs trainings at once in the parallel sweep
   * @return the timings
   */
  public static Result run(List<Long> seeds, List<Integer> lengths, Integer epochs,
      Integer samples, int jobs) {
    UnaryOperator<RecipeConfig> overrides = c -> {
      RecipeConfig out = epochs == null ? c : c.withEpochs(epochs);
      return samples == null ? out : out.withSamples(samples);
    };
    // One epoch of one row first, both ways, so that neither timing pays for the JIT.
    Sweep warmup = new Sweep(seeds.subList(0, 1), lengths.subList(0, 1),
        c -> overrides.apply(c).withEpochs(1));
    warmup.run(Reporter.quiet(), 1);
    warmup.run(Reporter.quiet(), jobs);
    Sweep sweep = new Sweep(seeds, lengths, overrides);
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    List<Sweep.Cell> sequential = sweep.run(Reporter.quiet(), 1);
    long t1 = System.nanoTime();
    long cpu1 = cpuNanos();
    List<Sweep.Cell> parallel = sweep.run(Reporter.quiet(), jobs);
    long t2 = System.nanoTime();
    long cpu2 = cpuNanos();
    return new Result((t1 - t0) / 1e9, (t2 - t1) / 1e9, jobs,
        seeds.size() * lengths.size() * Sweep.MODELS.size(),
        outcomes(sequential).equals(outcomes(parallel)), (double) (cpu1 - cpu0) / (t1 - t0),
        (double) (cpu2 - cpu1) / (t2 - t1));
  }

  /**
   * This process's CPU time, so that a parallel sweep on a busy machine can show it was not
   * given the cores it asked for; -1 where the JVM cannot tell.
   */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static List<String> outcomes(List<Sweep.Cell> cells) {
    List<String> out = new ArrayList<>();
    for (Sweep.Cell c : cells) {
      for (Sweep.Run r : c.runs()) {
        out.add(c.model() + "/" + c.length() + "/" + r.seed() + ": " + r.testAccuracy() + " in "
            + r.epochsRun());
      }
    }
    return out;
  }
}
