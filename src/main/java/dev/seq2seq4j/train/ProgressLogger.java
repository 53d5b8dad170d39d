package dev.seq2seq4j.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras-style progress: on a terminal, a per-epoch bar redrawn in place with the running metrics
 * and speed; elsewhere (CI logs, pipes) one plain line per epoch.
 */
public final class ProgressLogger implements TrainingListener {
  private static final int BAR_WIDTH = 30;
  private final PrintStream out;
  private final boolean interactive;
  private int steps;
  private long epochStart;
  private long lastDraw;

  /** Prints to {@code out}; draws bars only if {@code interactive}. */
  public ProgressLogger(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Prints to standard output, with bars when a terminal is attached. */
  public static ProgressLogger forConsole() {
    return new ProgressLogger(System.out, System.console() != null);
  }

  @Override
  public void onEpochBegin(TrainingContext context, int epoch, int steps) {
    this.steps = steps;
    this.epochStart = System.nanoTime();
    this.lastDraw = 0;
    if (interactive) {
      out.printf(Locale.ROOT, "Epoch %d/%d%n", epoch + 1, context.epochs());
    }
  }

  @Override
  public void onBatchEnd(TrainingContext context, int epoch, int step, EpochLogs running) {
    if (!interactive) {
      return;
    }
    long now = System.nanoTime();
    if (step + 1 < steps && now - lastDraw < 100_000_000L) {
      return; // redraw at most ten times a second
    }
    lastDraw = now;
    int done = (int) ((long) BAR_WIDTH * (step + 1) / steps);
    String bar = "=".repeat(Math.max(0, done - 1)) + (done < BAR_WIDTH ? ">" : "=")
        + ".".repeat(BAR_WIDTH - done);
    double msPerStep = (now - epochStart) / 1e6 / (step + 1);
    out.printf(Locale.ROOT, "\r%d/%d [%s] - %.1fms/step - %s", step + 1, steps, bar, msPerStep,
        running.format());
    out.flush();
  }

  @Override
  public void onEpochEnd(TrainingContext context, int epoch, EpochLogs logs) {
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    if (interactive) {
      out.printf(Locale.ROOT, "\r%d/%d [%s] - %.2fs - %s%n", steps, steps, "=".repeat(BAR_WIDTH),
          seconds, logs.format());
    } else {
      out.printf(Locale.ROOT, "Epoch %d/%d - %d steps - %.2fs - %s%n", epoch + 1,
          context.epochs(), steps, seconds, logs.format());
    }
  }
}
