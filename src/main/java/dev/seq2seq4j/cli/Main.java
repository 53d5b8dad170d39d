package dev.seq2seq4j.cli;

import dev.seq2seq4j.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code seq2seq4j} command line. Subcommands are registered in {@link #commandLine(Io)}
 * only, so adding one (e.g. {@code inspect} or {@code parity}) is one line there.
 */
@Command(
    name = "seq2seq4j",
    mixinStandardHelpOptions = true,
    version = "seq2seq4j 0.1.0-SNAPSHOT",
    description = "Keras LSTM tutorials (Brownlee's adder, Karakaya's reversed sequences) on "
        + "TensorFlow Java.",
    synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // Charts are drawn off-screen; never try to open a display.
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine(Io.console()).execute(args));
  }

  /**
   * The command line with every subcommand, writing to {@code io}; tests call
   * {@code commandLine(io).execute(args)}.
   *
   * @param io where commands print
   * @return the configured command line
   */
  public static CommandLine commandLine(Io io) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.addSubcommand(new ListCommand(io));
    // Wrapped in a CommandLine because addSubcommand(Object) skips model transformers, which
    // add the recipe flags (one per declared knob) to these two.
    cmd.addSubcommand(new CommandLine(new SummaryCommand(io)));
    cmd.addSubcommand(new CommandLine(new TrainCommand(io)));
    cmd.addSubcommand(new SweepCommand(io));
    cmd.addSubcommand(new PredictCommand(io));
    cmd.addSubcommand(new InspectCommand(io));
    cmd.addSubcommand(new ParityCommand(io));
    cmd.addSubcommand(new ConvertCommand(io));
    cmd.addSubcommand(new BenchCommand(io));
    cmd.setOut(new java.io.PrintWriter(io.out(), true));
    cmd.setErr(new java.io.PrintWriter(io.err(), true));
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    cmd.setParameterExceptionHandler(ErrorHandler::handleParameterException);
    // Inputs such as "-0.5 0.1" or "-1 2 3" are numbers, not options.
    cmd.getSubcommands().get("predict").setUnmatchedOptionsArePositionalParams(true);
    return cmd;
  }

  /** Without a subcommand, prints the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
