package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.train.state.SavedWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint-every / --resume} end to end: a training process killed mid-run and
 * resumed ends with the same weights and metrics, bit for bit, as one that was never
 * interrupted; and the refusals that keep bad sizes and bad folders from doing harm.
 */
class TrainingStateCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] RUN = {"train", "addition-seq2seq", "--seed", "4", "--epochs",
      "12"};

  @Test
  void aKilledRunResumesToTheSameBits(@TempDir Path tmp) throws Exception {
    Path straightWeights = tmp.resolve("straight");
    CliRunner.Outcome straight = CliRunner.run(args("--save", straightWeights.toString(),
        "--json"));
    assertEquals(0, straight.exitCode(), straight.err());

    Path states = tmp.resolve("states");
    Path killedWeights = tmp.resolve("killed");
    Process child = childJvm(tmp, args("--checkpoint-every", "1", "--checkpoint-dir",
        states.toString(), "--save", killedWeights.toString()));
    int epochs = waitForEpoch(states, 3, child);
    child.destroyForcibly();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertTrue(epochs >= 3 && epochs < 12, "killed mid-run, after epoch " + epochs);
    assertFalse(Files.exists(killedWeights), "the killed run never got to --save");

    Path resumedWeights = tmp.resolve("resumed");
    CliRunner.Outcome resumed = CliRunner.run(args("--resume", states.toString(),
        "--checkpoint-every", "1", "--save", resumedWeights.toString(), "--json"));
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertFalse(resumed.out().contains("Epoch 1/12 "), "completed epochs are not retrained");

    assertEquals(withoutTimes(straight.lastLine()), withoutTimes(resumed.lastLine()));
    assertEquals(SavedWeights.load(straightWeights).weights(),
        SavedWeights.load(resumedWeights).weights());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("."))
          .toList(), "no temporary folders left");
    }
  }

  private static String[] args(String... more) {
    List<String> a = new ArrayList<>(List.of(RUN));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** The same command line in a fresh JVM with the test classpath. */
  private static Process childJvm(Path tmp, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return pb.start();
  }

  /**
   * Polls the state folder (reading only: recovering it would race the writer) until it records
   * at least {@code epoch} completed epochs.
   */
  private static int waitForEpoch(Path states, int epoch, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      assertTrue(child.isAlive(), "the child ended before it could be killed");
      try {
        JsonNode s = JSON.readTree(Files.readAllBytes(states.resolve("state.json")));
        int done = s.path("epochs_completed").asInt();
        if (done >= epoch) {
          return done;
        }
      } catch (IOException e) {
        // not written yet, or between two renames
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no training state after 3 minutes");
  }

  private static JsonNode withoutTimes(String jsonLine) throws Exception {
    ObjectNode n = (ObjectNode) JSON.readTree(jsonLine);
    assertTrue(n.has("train_seconds"));
    n.remove("train_seconds");
    return n;
  }

  @Test
  void resumeNeedsTheSameRun(@TempDir Path tmp) {
    Path states = tmp.resolve("states");
    CliRunner.Outcome first = CliRunner.run("train", "reverse-lstm-default", "--epochs", "2",
        "--samples", "100", "--checkpoint-dir", states.toString());
    assertEquals(0, first.exitCode(), first.err());
    CliRunner.Outcome other = CliRunner.run("train", "reverse-lstm-default", "--epochs", "3",
        "--samples", "120", "--resume", states.toString());
    CliRunner.assertOneErrorLine(other, "resume with the same flags (only --epochs may differ)");
    CliRunner.Outcome recipe = CliRunner.run("train", "reverse-return-state", "--epochs", "3",
        "--samples", "100", "--resume", states.toString());
    CliRunner.assertOneErrorLine(recipe, "belongs to recipe reverse-lstm-default");
    CliRunner.Outcome longer = CliRunner.run("train", "reverse-lstm-default", "--epochs", "3",
        "--samples", "100", "--resume", states.toString(), "--json");
    assertEquals(0, longer.exitCode(), longer.err());
    assertTrue(longer.out().contains("Epoch 3/3"), longer.out());
    assertFalse(longer.out().contains("Epoch 2/3"), longer.out());
    CliRunner.Outcome noDir = CliRunner.run("train", "reverse-lstm-default",
        "--checkpoint-every", "2");
    CliRunner.assertOneErrorLine(noDir, "--checkpoint-every needs --checkpoint-dir DIR");
    CliRunner.Outcome missing = CliRunner.run("train", "reverse-lstm-default", "--resume",
        tmp.resolve("nothing").toString());
    CliRunner.assertOneErrorLine(missing, "training state folder not found");
  }

  @Test
  void sizesThatCannotTrainAreRefusedUpFront() {
    long start = System.nanoTime();
    // Once hung for good; now weight sizes are counted without overflow, so even a weight
    // larger than a Java array reaches the parameter limit before a graph exists.
    CliRunner.Outcome wide = CliRunner.run("train", "addition-seq2seq", "--epochs", "1",
        "--units", "100000");
    CliRunner.assertOneErrorLine(wide, "70,006,000,012 parameters, more than the limit of 10,000,000");
    CliRunner.Outcome wider = CliRunner.run("train", "addition-seq2seq", "--epochs", "1",
        "--units", "20000");
    CliRunner.assertOneErrorLine(wider, "parameters, more than the limit of 10,000,000");
    CliRunner.Outcome longer = CliRunner.run("train", "reverse-return-state", "--epochs", "1",
        "--length", "10000");
    CliRunner.assertOneErrorLine(longer, "unrolls 20,000 recurrent timesteps into its graph");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "refused quickly");
  }

  @Test
  void oneTimestepRecipesTrain() {
    CliRunner.Outcome lstm = CliRunner.run("train", "reverse-lstm-default", "--length", "1",
        "--epochs", "1", "--samples", "64");
    assertEquals(0, lstm.exitCode(), lstm.err());
    CliRunner.Outcome adder = CliRunner.run("train", "addition-lstm", "--terms", "1",
        "--epochs", "1");
    assertEquals(0, adder.exitCode(), adder.err());
  }

}
