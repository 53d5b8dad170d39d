package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.savedmodel.ModelLoadException;
import dev.seq2seq4j.keras.KerasFileException;
import java.io.UncheckedIOException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns exceptions thrown by a command into one {@code error: ...} line on stderr, never a stack
 * trace: bad input (an invalid question, a missing model folder, a size that does not fit) exits
 * with {@link #USER_ERROR}, anything unexpected with {@link #INTERNAL_ERROR}. Set
 * {@code SEQ2SEQ4J_DEBUG=1} to see the stack trace as well.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  /** Exit code for bad input, the same as picocli's usage errors. */
  static final int USER_ERROR = CommandLine.ExitCode.USAGE;
  /** Exit code for failures that are not the user's. */
  static final int INTERNAL_ERROR = CommandLine.ExitCode.SOFTWARE;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    boolean user =
        ex instanceof UserInputException
            || ex instanceof IllegalArgumentException
            || ex instanceof UncheckedIOException
            || ex instanceof ModelLoadException
            || ex instanceof KerasFileException;
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    // Keep it to one line even if a library message spans several.
    message = message.strip().replaceAll("\\s*\\R\\s*", "; ");
    cmd.getErr().println("error: " + (user ? "" : "internal: ") + message);
    if (System.getenv("SEQ2SEQ4J_DEBUG") != null) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return user ? USER_ERROR : INTERNAL_ERROR;
  }

  /**
   * Reports a command line picocli cannot parse (an unknown option, a missing or malformed
   * value) as one {@code error:} line with a pointer to the command's help, instead of the
   * whole usage text.
   *
   * @param ex what picocli found
   * @param args the command line
   * @return {@link #USER_ERROR}
   */
  static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String message = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
    cmd.getErr().println("error: " + message.strip().replaceAll("\\s*\\R\\s*", "; ")
        + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    cmd.getErr().flush();
    return USER_ERROR;
  }
}
