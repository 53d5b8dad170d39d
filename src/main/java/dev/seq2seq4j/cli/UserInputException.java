package dev.seq2seq4j.cli;

/** A problem with what the user asked for; reported as one {@code error:} line, exit code 2. */
public final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the one-line message, without the {@code error:} prefix
   */
  public UserInputException(String message) {
    super(message);
  }
}
