package dev.seq2seq4j.cli;

import dev.seq2seq4j.bench.Bench;
import dev.seq2seq4j.bench.BenchOptions;
import dev.seq2seq4j.bench.BenchReport;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: training, floor, inference, memory and sweep figures of this machine, beside
 * Keras's from the same run, as ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure training and inference speed against Keras and against the "
        + "machine's own floor, in one run (medians, warm-ups excluded).")
final class BenchCommand implements Runnable {
  private final Io io;

  @Option(names = "--json",
      description = "End the output with one line of JSON holding every figure and ratio.")
  boolean json;

  @Option(names = "--quick",
      description = "About a minute: the headline workload only, a small sweep, Keras "
          + "without XLA and full recipes.")
  boolean quick;

  @Option(names = "--reps", paramLabel = "N",
      description = "Counted repetitions per timing (default: 5, with --quick 3; at least 3).")
  Integer reps;

  @Option(names = "--sections", split = ",", paramLabel = "S[,S...]",
      description = "Sections to run (default: all): steps, floor, full, inference, memory, "
          + "sweep, threads, keras.")
  List<String> sections;

  @Option(names = "--python", paramLabel = "FILE",
      description = "The Python with TensorFlow and Keras (default: $SEQ2SEQ4J_VENV/bin/python, "
          + "else python-export/.venv/bin/python); without one the Keras figures are omitted.")
  Path python;

  @Option(names = "--keras-script", paramLabel = "FILE",
      description = "The Keras side (default: python-export/bench_keras.py).")
  Path kerasScript;

  @Option(names = "--saved-models", paramLabel = "DIR",
      description = "The Python-exported models (default: the project's saved-models/).")
  Path savedModels;

  @Option(names = "--sweep-epochs", paramLabel = "N",
      description = "Maximum epochs per sweep run (default: the tutorial's 100).")
  Integer sweepEpochs;

  @Option(names = "--sweep-jobs", paramLabel = "N",
      description = "Trainings at once in the parallel sweep (default: 2).")
  int sweepJobs = 2;

  @Option(names = "--intra-op-threads", paramLabel = "N",
      description = "TensorFlow's intra-op threads in this process (default: 1). TensorFlow "
          + "sizes the pool once per process, so the threads section measures 2 in a second "
          + "JVM.")
  int intraOpThreads = 1;

  BenchCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Set<String> chosen = new LinkedHashSet<>(sections == null ? BenchOptions.ALL_SECTIONS
        : sections);
    BenchOptions options;
    try {
      options = new BenchOptions(quick, reps != null ? reps : quick ? 3 : 5, chosen, python,
          kerasScript, savedModels, sweepEpochs, sweepJobs, intraOpThreads);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    BenchReport report = new Bench(options, io.out()).run();
    io.out().println();
    report.printTable(io.out());
    io.out().println();
    io.out().println("Absolute times differ between machines; ratios measured in one run "
        + "travel.");
    if (json) {
      io.out().println(Json.line(report.values()));
    }
    io.out().flush();
  }
}
