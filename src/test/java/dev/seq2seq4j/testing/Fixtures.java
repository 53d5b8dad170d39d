package dev.seq2seq4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Python-exported Keras artifacts beside the project ({@code
 * ../shared/fixtures/python-keras}, or the folder named by {@code -Dseq2seq4j.fixtures}). Tests
 * that need them are skipped, with a message saying so, where they are absent (a user's clone).
 */
public final class Fixtures {
  private Fixtures() {}

  /**
   * The project's root folder (Maven's basedir).
   *
   * @return the absolute root
   */
  public static Path projectRoot() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  /**
   * The fixtures folder, or a skipped test where it is absent.
   *
   * @return the folder
   */
  public static Path root() {
    String override = System.getProperty("seq2seq4j.fixtures");
    Path dir = override != null ? Path.of(override)
        : projectRoot().resolve("../shared/fixtures/python-keras").normalize();
    assumeTrue(Files.isDirectory(dir),
        "skipped: the Python Keras fixtures are not at " + dir + " (set -Dseq2seq4j.fixtures)");
    return dir;
  }

  /**
   * The Keras 2 stock-price LSTM SavedModel.
   *
   * @return its folder
   */
  public static Path stockLstm() {
    return root().resolve("stock-lstm-savedmodel-tf2.6");
  }

  /**
   * The teacher-forced addition encoder-decoder (HDF5 + TF checkpoint).
   *
   * @return its folder
   */
  public static Path additionEncoderDecoder() {
    return root().resolve("addition-seq2seq-checkpoint-tf2");
  }
}
