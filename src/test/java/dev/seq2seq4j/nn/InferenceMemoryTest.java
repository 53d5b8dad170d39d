package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * 100,000 one-sample predictions in one JVM must not grow resident memory by 50 MB or more: a
 * tensor left unclosed per call would (the tutorial adder's output alone is 96 bytes of native
 * memory plus TensorFlow's bookkeeping per call). A memory budget, not a timing.
 */
class InferenceMemoryTest {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final long BUDGET_BYTES = 50L << 20;

  /** Resident memory in bytes, from Linux's /proc (the test needs it). */
  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in " + STATUS);
  }

  @Test
  void hundredThousandPredictionsStayWithinFiftyMegabytes() throws IOException {
    assumeTrue(Files.isReadable(STATUS), "needs Linux's /proc/self/status");
    Model adder = TutorialModels.byName("addition-seq2seq");
    FloatBlock[] questions = new FloatBlock[16];
    for (int i = 0; i < questions.length; i++) {
      questions[i] = new AdditionProblem(2, 10).generate(1, new PythonRandom(i)).x();
    }
    try (InferenceModel m = InferenceModel.of(adder, ModelGraph.initialWeights(adder, 1))) {
      // Warm up first: the JIT, TensorFlow's allocator caches and the heap settle.
      for (int i = 0; i < 5_000; i++) {
        m.predict(questions[i % questions.length]);
      }
      System.gc();
      long before = residentBytes();
      for (int i = 0; i < 100_000; i++) {
        m.predict(questions[i % questions.length]);
      }
      System.gc();
      long growth = residentBytes() - before;
      assertTrue(growth < BUDGET_BYTES, "resident memory grew by " + (growth >> 20)
          + " MB over 100,000 predictions (budget 50 MB)");
    }
  }
}
