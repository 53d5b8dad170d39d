package dev.seq2seq4j.keras;

/**
 * A Keras model file ({@code .keras} archive, legacy {@code .h5}, {@code .weights.h5}) is
 * unreadable or invalid. The message is one line naming the file, where in it the problem is
 * (an HDF5 path or a zip entry, when there is one) and the problem, e.g. {@code model.h5 at
 * /model_weights/lstm: attribute 'weight_names' is int32, not a list of strings}.
 *
 * <p>Text taken from the file (names, paths) is shown with control characters escaped, so a
 * hostile file cannot break the message into several lines.
 */
public final class KerasFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The file as the user named it. */
  private final String file;
  /** The HDF5 path or zip entry, or empty. */
  private final String location;
  /** What is wrong. */
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param file the file as the user named it
   * @param location the HDF5 path or zip entry, or an empty string for the file as a whole
   * @param problem what is wrong
   */
  public KerasFileException(String file, String location, String problem) {
    this(file, location, problem, null);
  }

  /**
   * Creates the exception with the failure that revealed the problem.
   *
   * @param file the file as the user named it
   * @param location the HDF5 path or zip entry, or an empty string for the file as a whole
   * @param problem what is wrong
   * @param cause the underlying failure, or null
   */
  public KerasFileException(String file, String location, String problem, Throwable cause) {
    super(message(file, location, problem), cause);
    this.file = oneLine(file);
    this.location = location == null ? "" : oneLine(location);
    this.problem = oneLine(problem);
  }

  /**
   * The file as the user named it.
   *
   * @return the file
   */
  public String file() {
    return file;
  }

  /**
   * Where in the file the problem is.
   *
   * @return an HDF5 path or zip entry, or an empty string for the file as a whole
   */
  public String location() {
    return location;
  }

  /**
   * What is wrong, without the file and location.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }

  private static String message(String file, String location, String problem) {
    String where = location == null || location.isEmpty() ? "" : " at " + oneLine(location);
    return oneLine(file) + where + ": " + oneLine(problem);
  }

  /**
   * Escapes control characters so that any text fits on one line.
   *
   * @param text text that may come from a file, or null
   * @return the text with control characters written as {@code \\uXXXX}
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
