package dev.seq2seq4j.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.cli.Io;
import dev.seq2seq4j.cli.Main;
import dev.seq2seq4j.robustness.Variant.Expect;
import dev.seq2seq4j.testing.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command on every damaged model file ends within seconds with one {@code error:} line, or
 * with the right answer, or (only where no checksum can tell) with the answer of the model the
 * damaged file now describes, reported as a parity failure: never a JVM crash, a hang, a stack
 * trace, memory out of bounds, or a silent wrong answer. Seeded variants of {@code .keras},
 * {@code .h5}, SavedModel and saved-weights files ({@link ArchiveVariants}, {@link
 * FolderVariants}) run in a forked JVM with a heap cap and a per-command timeout, so that a
 * native abort or a hang fails this test instead of the build.
 *
 * <p>Deeper runs by hand: {@code -Dseq2seq4j.corruption.scale=4} (four times the variants),
 * {@code -Dseq2seq4j.corruption.seed=N}. The summary table goes to {@code
 * target/corruption-report.md}.
 */
class ForkedCorruptionTest {

  private static final long SEED = Long.getLong("seq2seq4j.corruption.seed", 20261201L);
  private static final int SCALE = Integer.getInteger("seq2seq4j.corruption.scale", 1);
  /** The longest one command may take; the slowest honest one takes a few seconds. */
  private static final long COMMAND_TIMEOUT_SECONDS = 90;
  /** The child's heap: a corrupt size that slipped past a check would exceed it at once. */
  private static final String HEAP = "-Xmx1g";
  /** The child's peak resident memory may not exceed this (heap, TensorFlow, JIT). */
  private static final long PEAK_RSS_LIMIT_KIB = 3L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void damagedModelFilesEndInOneErrorLineOrTheRightAnswer(@TempDir Path tmp) throws Exception {
    Path models = Fixtures.projectRoot().resolve("saved-models");
    Path variantsDir = Files.createDirectories(tmp.resolve("variants"));
    List<Variant> variants = new ArrayList<>();
    variants.addAll(ArchiveVariants.keras(List.of(
        models.resolve("zoo/embedding_mask_zero_gru/embedding_mask_zero_gru.keras"),
        models.resolve("zoo/lstm_seq2seq/lstm_seq2seq.keras"),
        models.resolve("keras2/lstm/lstm.keras")), 105 * SCALE, SEED, variantsDir));
    variants.addAll(ArchiveVariants.h5(List.of(
        models.resolve("zoo/embedding_mask_zero_gru/embedding_mask_zero_gru.h5"),
        models.resolve("zoo/lstm_seq2seq/lstm_seq2seq.h5"),
        models.resolve("keras2/lstm/lstm.h5")), 105 * SCALE, SEED, variantsDir));
    variants.addAll(FolderVariants.savedModels(List.of(
        new FolderVariants.SavedModelSource(models.resolve("reverse-lstm-default"),
            probeRow(models.resolve("reverse-lstm-default/parity.json"))),
        new FolderVariants.SavedModelSource(models.resolve("keras2/lstm/savedmodel"),
            probeRow(models.resolve("keras2/lstm/parity.json"))),
        new FolderVariants.SavedModelSource(models.resolve("zoo/embedding_mask_zero_gru"),
            null)), 70 * SCALE, SEED, variantsDir));
    Path weights = trainedWeights(tmp.resolve("trained"));
    variants.addAll(FolderVariants.savedWeights(weights, "12+50", 210 * SCALE, SEED,
        variantsDir));

    Map<String, Variant> byId = new LinkedHashMap<>();
    variants.forEach(v -> byId.put(v.id(), v));
    assertEquals(variants.size(), byId.size(), "variant ids are unique");
    Map<String, Result> results = runForked(tmp, variants);
    List<String> outcomes = new ArrayList<>();
    for (Variant v : variants) {
      StringBuilder line = new StringBuilder(v.id() + "\t" + v.expect() + "\t" + v.damage());
      for (int c = 0; c < v.commands().size(); c++) {
        Result r = results.get(v.id() + " " + c);
        line.append('\t').append(v.commands().get(c).get(0)).append('=').append(r.exit());
      }
      outcomes.add(line.toString());
    }
    Files.write(Fixtures.projectRoot().resolve("target/corruption-outcomes.tsv"), outcomes);

    Report report = new Report();
    List<String> failures = new ArrayList<>();
    for (Variant v : variants) {
      for (int c = 0; c < v.commands().size(); c++) {
        Result r = results.get(v.id() + " " + c);
        Result intact = results.get(intactId(v.id()) + " " + c);
        Optional<String> problem = check(v, c, r, intact);
        if (problem.isPresent()) {
          failures.add(v.id() + " (" + v.damage() + ") `" + String.join(" ",
              v.commands().get(c)) + "`: " + problem.get());
        }
        report.count(v, c, r, intact);
      }
    }
    String table = report.format(variants, results);
    System.out.println(table);
    Files.writeString(Fixtures.projectRoot().resolve("target/corruption-report.md"), table);
    Files.write(Fixtures.projectRoot().resolve("target/corruption-failures.txt"), failures);
    assertTrue(failures.isEmpty(), failures.size() + " failures, first ones:\n"
        + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
  }

  /** One command's outcome in the child. */
  record Result(int exit, String out, String err, long ms) {}

  /** The id of the intact copy among a variant's siblings ({@code <stem>-000}). */
  private static String intactId(String id) {
    return id.substring(0, id.lastIndexOf('-')) + "-000";
  }

  /** What is wrong with one outcome, if anything. */
  static Optional<String> check(Variant v, int command, Result r, Result intact) {
    String verb = v.commands().get(command).get(0);
    String err = r.err().strip();
    if (err.contains("\tat ") || err.contains("Exception:") || r.out().contains("\tat ")) {
      return Optional.of("a stack trace: " + firstLines(err, 3));
    }
    if (r.exit() == 2) {
      if (!err.startsWith("error: ") || err.contains("\n")) {
        return Optional.of("exit 2 without one error line: " + firstLines(err, 3));
      }
      String name = Path.of(v.target()).getFileName().toString();
      if (!err.contains(name)) {
        return Optional.of("the error does not name " + name + ": " + err);
      }
      return Optional.empty();
    }
    if (v.id().endsWith("-000")) {
      return r.exit() == 0 ? Optional.empty()
          : Optional.of("the intact copy gave exit " + r.exit() + ": " + firstLines(err, 2));
    }
    if (r.exit() == 0 && (r.out().contains("NaN") || r.out().contains("Infinity"))) {
      return Optional.of("printed a non-finite number: " + firstLines(r.out(), 2));
    }
    boolean computes = !verb.equals("inspect");
    boolean integrityCheck = v.format().equals("SavedModel") || v.format().equals(
        "saved weights");
    if (r.exit() == 0) {
      if (v.expect() == Expect.REFUSED && (computes || integrityCheck)) {
        return Optional.of("accepted (exit 0) though it must be refused: "
            + firstLines(r.out(), 2));
      }
      if (verb.equals("predict") && !r.out().equals(intact.out())
          && v.expect() != Expect.HONEST) {
        return Optional.of("a silent wrong answer: " + firstLines(r.out(), 1) + " instead of "
            + firstLines(intact.out(), 1));
      }
      return Optional.empty();
    }
    if (r.exit() == 1 && verb.equals("parity")) {
      return v.expect() == Expect.HONEST ? Optional.empty()
          : Optional.of("read as another model though a check should have caught the damage: "
              + lastLine(r.out()));
    }
    return Optional.of("exit " + r.exit() + ": " + firstLines(err, 3));
  }

  private static String firstLines(String text, int n) {
    return String.join(" | ", text.lines().limit(n).toList());
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /**
   * Runs every command of every variant in one forked JVM, watching for a crash (the child
   * ends before its last result) and a hang (no result within the timeout).
   */
  private static Map<String, Result> runForked(Path tmp, List<Variant> variants)
      throws Exception {
    Path manifest = tmp.resolve("manifest.jsonl");
    List<String> lines = new ArrayList<>();
    int expected = 0;
    for (Variant v : variants) {
      for (int c = 0; c < v.commands().size(); c++) {
        lines.add(JSON.writeValueAsString(Map.of("id", v.id(), "command", c, "args",
            v.commands().get(c))));
        expected++;
      }
    }
    Files.write(manifest, lines);
    Path childErr = tmp.resolve("child-stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
        System.getProperty("java.class.path"), CorruptionChild.class.getName(),
        manifest.toString()).redirectError(childErr.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    Process child = pb.start();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null;) {
          queue.add(line);
        }
      } catch (IOException e) {
        queue.add("@@io " + e);
      }
      queue.add("@@eof");
    }, "corruption-child-reader");
    reader.setDaemon(true);
    reader.start();
    Map<String, Result> results = new LinkedHashMap<>();
    String running = "(before the first command)";
    long peak = -1;
    try {
      while (true) {
        String line = queue.poll(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
          fail("hang: no outcome within " + COMMAND_TIMEOUT_SECONDS + " s for " + running
              + " " + describe(variants, running));
        }
        if (line.startsWith(CorruptionChild.START)) {
          running = line.substring(CorruptionChild.START.length());
        } else if (line.startsWith(CorruptionChild.RESULT)) {
          JsonNode r = JSON.readTree(line.substring(CorruptionChild.RESULT.length()));
          results.put(r.get("id").asText() + " " + r.get("command").asInt(), new Result(
              r.get("exit").asInt(), r.get("out").asText(), r.get("err").asText(),
              r.get("ms").asLong()));
        } else if (line.startsWith(CorruptionChild.PEAK)) {
          peak = Long.parseLong(line.substring(CorruptionChild.PEAK.length()).trim());
        } else if (line.equals("@@eof") || line.startsWith("@@io ")) {
          break;
        }
      }
      int code = child.waitFor();
      if (code != 0 || results.size() != expected) {
        fail("the child JVM ended with exit " + code + " after " + results.size() + " of "
            + expected + " commands, while running " + running + " "
            + describe(variants, running) + "; its stderr ends: " + tail(childErr));
      }
    } finally {
      child.destroyForcibly();
    }
    if (peak > 0) {
      assertTrue(peak < PEAK_RSS_LIMIT_KIB, "the child's peak resident memory was " + peak
          + " KiB");
    }
    System.out.printf(java.util.Locale.ROOT, "corruption child: %d commands, peak RSS %d MiB%n",
        results.size(), peak / 1024);
    return results;
  }

  private static String describe(List<Variant> variants, String running) {
    String id = running.contains(" ") ? running.substring(0, running.indexOf(' ')) : running;
    return variants.stream().filter(v -> v.id().equals(id)).findFirst()
        .map(v -> "(" + v.damage() + ")").orElse("");
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  /** The input of a recorded probe's first row, as {@code predict} reads it. */
  private static String probeRow(Path parityJson) throws IOException {
    JsonNode inputs = JSON.readTree(parityJson.toFile()).get("probes").get("inputs");
    JsonNode only = inputs.elements().next();
    long rows = only.get("shape").get(0).asLong();
    int perRow = (int) (only.get("data").size() / rows);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < perRow; i++) {
      values.add(only.get("data").get(i).asText());
    }
    return String.join(" ", values);
  }

  /** Saved weights of a short addition-mlp run, made through the CLI as a user makes them. */
  private static Path trainedWeights(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      int code = Main.commandLine(new Io(o, o, false)).execute("train", "addition-mlp",
          "--epochs", "1", "--save", dir.toString());
      assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    }
    return dir;
  }
}
