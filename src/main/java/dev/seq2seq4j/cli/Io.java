package dev.seq2seq4j.cli;

import java.io.PrintStream;

/**
 * The streams the commands write to, injected so that tests can run the CLI in-process and
 * capture everything it prints.
 *
 * @param out results and tutorial output
 * @param err errors
 * @param interactive whether {@code out} is a terminal (progress bars are drawn only then)
 */
public record Io(PrintStream out, PrintStream err, boolean interactive) {

  /**
   * Standard output and error; interactive when a terminal is attached.
   *
   * @return the console streams
   */
  public static Io console() {
    return new Io(System.out, System.err, System.console() != null);
  }
}
