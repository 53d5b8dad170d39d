package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.RecipeConfig;
import dev.seq2seq4j.tutorials.Reporter;
import dev.seq2seq4j.tutorials.Sweep;
import dev.seq2seq4j.tutorials.SweepChart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sweep}: Karakaya's table of four LSTM wirings, and the attention model, x lengths. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Reproduce Karakaya's table: the four LSTM wirings x lengths 4, 8, 16, "
        + "beside the tutorial's numbers, with the attention model as a fifth column.")
final class SweepCommand implements Runnable {
  private final Io io;

  @Option(names = "--seeds", split = ",", paramLabel = "N[,N...]",
      description = "Seeds per cell; each cell reports the median (default: 1).")
  List<Long> seeds = List.of(1L);

  @Option(names = "--lengths", split = ",", paramLabel = "N[,N...]",
      description = "Sequence lengths (default: 4,8,16).")
  List<Integer> lengths = Sweep.LENGTHS;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Maximum epochs per run (default: the tutorial's 100).")
  Integer epochs;

  @Option(names = "--samples", paramLabel = "N",
      description = "Training samples per run (default: 2000; test is a tenth).")
  Integer samples;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Trainings to run at once, each in its own thread (default: 1; the "
          + "results do not depend on it).")
  int jobs = 1;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the table as JSON.")
  Path json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the table as a chart.")
  Path plot;

  @Option(names = "--quiet",
      description = "No line per run; the table and the files written still print.")
  boolean quiet;

  SweepCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    for (int length : lengths) {
      if (length < 1) {
        throw new UserInputException("--lengths must be >= 1, got " + length);
      }
    }
    if (epochs != null && epochs < 1 || samples != null && samples < 1) {
      throw new UserInputException("--epochs and --samples must be >= 1");
    }
    if (jobs < 1) {
      throw new UserInputException("--jobs must be >= 1, got " + jobs);
    }
    // The table takes minutes to hours: a bad output path must fail now, not after it.
    OutputPaths.file("--json", json, "");
    OutputPaths.file("--plot", plot, ".png");
    UnaryOperator<RecipeConfig> overrides = c -> {
      RecipeConfig out = epochs == null ? c : c.withEpochs(epochs);
      return samples == null ? out : out.withSamples(samples);
    };
    Reporter reporter = quiet ? Reporter.quiet() : Reporter.to(io.out());
    reporter.printf("Karakaya sweep: models %s, lengths %s, seeds %s%n",
        Sweep.MODELS, lengths, seeds);
    List<Sweep.Cell> cells = new Sweep(seeds, lengths, overrides).run(reporter, jobs);
    io.out().println();
    io.out().print(Sweep.table(cells));
    Map<String, Object> map = Sweep.toJsonMap(cells);
    if (json != null) {
      Json.write(json, map);
      io.out().println("wrote " + json);
    }
    if (plot != null) {
      SweepChart.writePng(cells, plot);
      io.out().println("wrote " + plot);
    }
    io.out().flush();
  }
}
