package dev.seq2seq4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run measures and how hard.
 *
 * @param quick a short run (about a minute): the headline workload, fewer repetitions, a small
 *     sweep, Keras without XLA
 * @param reps counted repetitions of each timing (at least 3)
 * @param sections the sections to run (see {@link #ALL_SECTIONS})
 * @param python the venv's Python, or null to look for one (no Keras figures without it)
 * @param kerasScript {@code bench_keras.py}, or null for the project's
 * @param savedModels the folder of Python-exported models, or null for the project's
 * @param sweepEpochs maximum epochs per sweep run, or null for the tutorial's 100
 * @param sweepJobs trainings at once in the parallel sweep
 * @param intraOpThreads TensorFlow's intra-op threads for this process (its pool is sized once,
 *     by the first session)
 */
public record BenchOptions(boolean quick, int reps, Set<String> sections, Path python,
    Path kerasScript, Path savedModels, Integer sweepEpochs, int sweepJobs, int intraOpThreads) {

  /** Every section, in the order they run; Keras runs last, alone. */
  public static final List<String> ALL_SECTIONS = List.of("steps", "floor", "full", "inference",
      "memory", "sweep", "threads", "keras");

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException for fewer than 3 repetitions, an unknown section or a
   *     thread or job count below 1
   */
  public BenchOptions {
    if (reps < 3) {
      throw new IllegalArgumentException("at least 3 repetitions, got " + reps);
    }
    for (String s : sections) {
      if (!ALL_SECTIONS.contains(s)) {
        throw new IllegalArgumentException("unknown section '" + s + "'; sections: "
            + String.join(", ", ALL_SECTIONS));
      }
    }
    if (sweepJobs < 1 || intraOpThreads < 1) {
      throw new IllegalArgumentException("--sweep-jobs and --intra-op-threads must be >= 1");
    }
    if (sweepEpochs != null && sweepEpochs < 1) {
      throw new IllegalArgumentException("--sweep-epochs must be >= 1");
    }
    sections = Set.copyOf(sections);
  }

  /**
   * Whether a section is to run.
   *
   * @param section a name from {@link #ALL_SECTIONS}
   * @return true if selected
   */
  public boolean runs(String section) {
    return sections.contains(section);
  }
}
