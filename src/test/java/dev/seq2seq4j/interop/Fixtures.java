package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Python-exported Keras artifacts beside the project ({@code
 * ../shared/fixtures/python-keras}, or the folder named by {@code -Dseq2seq4j.fixtures}). Tests
 * that need them are skipped, with a message saying so, where they are absent (a user's clone).
 */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    String override = System.getProperty("seq2seq4j.fixtures");
    Path dir = override != null ? Path.of(override)
        : SavedModelParityTest.projectRoot().resolve("../shared/fixtures/python-keras").normalize();
    assumeTrue(Files.isDirectory(dir),
        "skipped: the Python Keras fixtures are not at " + dir + " (set -Dseq2seq4j.fixtures)");
    return dir;
  }

  static Path stockLstm() {
    return root().resolve("stock-lstm-savedmodel-tf2.6");
  }

  static Path additionEncoderDecoder() {
    return root().resolve("addition-seq2seq-checkpoint-tf2");
  }
}
