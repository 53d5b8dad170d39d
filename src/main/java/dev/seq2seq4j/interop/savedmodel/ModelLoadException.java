package dev.seq2seq4j.interop.savedmodel;

/**
 * A SavedModel folder could not be loaded: it is missing, incomplete, or TensorFlow rejected
 * it. The message names the folder and the problem.
 */
public class ModelLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the folder
   */
  public ModelLoadException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong, naming the folder
   * @param cause the underlying failure
   */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
