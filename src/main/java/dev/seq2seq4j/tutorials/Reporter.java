package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.train.ProgressLogger;
import dev.seq2seq4j.train.TrainingListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a recipe writes its tutorial-style output (summary, epoch lines, examples), and whether
 * progress bars may be drawn. A quiet reporter discards everything, for runs inside a sweep;
 * one {@linkplain #withoutProgress() without progress} prints all but the epoch lines.
 */
public final class Reporter {
  private final PrintStream out;
  private final boolean interactive;
  private final boolean epochLines;

  private Reporter(PrintStream out, boolean interactive, boolean epochLines) {
    this.out = out;
    this.interactive = interactive;
    this.epochLines = epochLines;
  }

  /**
   * Reports to {@code out}, one plain line per epoch.
   *
   * @param out the stream
   * @return the reporter
   */
  public static Reporter to(PrintStream out) {
    return to(out, false);
  }

  /**
   * Reports to {@code out}, with redrawn progress bars if it is a terminal.
   *
   * @param out the stream
   * @param interactive whether {@code out} is a terminal
   * @return the reporter
   */
  public static Reporter to(PrintStream out, boolean interactive) {
    return new Reporter(out, interactive, true);
  }

  /**
   * Reports to standard output, with redrawn progress bars when a terminal is attached.
   *
   * @return the reporter
   */
  public static Reporter console() {
    return new Reporter(System.out, System.console() != null, true);
  }

  /**
   * Reports nothing.
   *
   * @return the reporter
   */
  public static Reporter quiet() {
    return new Reporter(new PrintStream(OutputStream.nullOutputStream()), false, false);
  }

  /**
   * The same output without the per-epoch lines and progress bars, for {@code --quiet}: the
   * summary, the results and the examples still print.
   *
   * @return the reporter
   */
  public Reporter withoutProgress() {
    return new Reporter(out, false, false);
  }

  /**
   * The stream to print to.
   *
   * @return the stream
   */
  public PrintStream out() {
    return out;
  }

  /**
   * Prints one line.
   *
   * @param line the text
   */
  public void println(String line) {
    out.println(line);
  }

  /**
   * Prints formatted text with the root locale, so decimals always use a dot.
   *
   * @param format the format
   * @param args its arguments
   */
  public void printf(String format, Object... args) {
    out.printf(Locale.ROOT, format, args);
  }

  /**
   * The per-epoch progress listener, unless this reporter is quiet.
   *
   * @return the listener, or empty
   */
  public Optional<TrainingListener> progress() {
    return epochLines ? Optional.of(new ProgressLogger(out, interactive)) : Optional.empty();
  }
}
