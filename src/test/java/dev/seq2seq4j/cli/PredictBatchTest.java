package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --input FILE|-}: many questions, one JVM, the same answers as one by one. */
class PredictBatchTest {
  private static final Path SM = Fixtures.projectRoot().resolve(
      "saved-models/reverse-lstm-default");

  private static String question(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f",
          random.nextFloat() * 2 - 1));
    }
    return sb.toString();
  }

  private static CliRunner.Outcome withStdin(String text, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRunner.run(args);
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void aFileOfQuestionsGetsTheAnswersOfSingleCalls(@TempDir Path tmp) throws Exception {
    Random random = new Random(7);
    String a = question(random);
    String b = question(random);
    Path file = tmp.resolve("questions.txt");
    Files.writeString(file, a + "\n\n  " + b + "  \n");
    CliRunner.Outcome batch = CliRunner.run("predict", "--savedmodel", SM.toString(), "--input",
        file.toString());
    assertEquals(0, batch.exitCode(), batch.err());
    List<String> lines = batch.out().lines().toList();
    assertEquals(2, lines.size(), batch.out());
    assertEquals(CliRunner.run("predict", "--savedmodel", SM.toString(), a).out().strip(),
        lines.get(0));
    assertEquals(CliRunner.run("predict", "--savedmodel", SM.toString(), b).out().strip(),
        lines.get(1));
  }

  @Test
  void standardInputWithJsonLines() throws Exception {
    String q = question(new Random(3));
    CliRunner.Outcome o = withStdin(q + "\n" + q + "\n", "predict", "--savedmodel",
        SM.toString(), "--input", "-", "--json");
    assertEquals(0, o.exitCode(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(2, lines.size());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals(q, first.get("input").asText());
    assertEquals(4, first.get("answer").get("output_0").size(), lines.get(0));
    assertEquals(lines.get(0), lines.get(1));
  }

  @Test
  void aBadLineStopsWithItsNumber(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("q.txt");
    Files.writeString(file, question(new Random(1)) + "\n1 2 3\n");
    CliRunner.Outcome o = CliRunner.run("predict", "--savedmodel", SM.toString(), "--input",
        file.toString());
    assertEquals(2, o.exitCode());
    assertTrue(o.err().startsWith("error: " + file + " line 2: "), o.err());
    assertTrue(o.err().contains("takes 40 values per sample"), o.err());
    assertEquals(1, o.out().lines().count(), "the good first line was answered");
  }

  @Test
  void tenThousandQuestionsInOneCall() {
    Random random = new Random(11);
    StringBuilder text = new StringBuilder();
    List<String> some = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String q = question(random);
      text.append(q).append('\n');
      if (i % 2500 == 0) {
        some.add(q);
      }
    }
    long start = System.nanoTime();
    CliRunner.Outcome o = withStdin(text.toString(), "predict", "--savedmodel", SM.toString(),
        "--input", "-");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, o.exitCode(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(10_000, lines.size());
    System.out.printf(Locale.ROOT, "predict --input -: 10000 answers in %.1f s (one JVM)%n",
        seconds);
    for (int i = 0; i < some.size(); i++) {
      assertEquals(CliRunner.run("predict", "--savedmodel", SM.toString(), some.get(i)).out()
          .strip(), lines.get(i * 2500));
    }
  }
}
