package dev.seq2seq4j.keras;

/** A Keras model uses a layer or option that seq2seq4j cannot rebuild natively; the message names it. */
public final class UnsupportedKerasFeatureException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is not supported, naming the layer or option
   */
  public UnsupportedKerasFeatureException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the refusal it restates.
   *
   * @param message what is not supported, naming the file and the layer or option
   * @param cause the original refusal
   */
  public UnsupportedKerasFeatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
