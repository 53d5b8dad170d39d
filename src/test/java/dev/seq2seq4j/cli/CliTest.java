package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.tutorials.Recipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process, on small settings. */
class CliTest {
  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void listNamesEveryRecipe() {
    CliRunner.Outcome o = CliRunner.run("list");
    assertEquals(0, o.exitCode(), o.err());
    for (String name : Recipes.names()) {
      assertTrue(o.out().contains(name), name);
    }
    assertTrue(o.out().contains("sweep"));
  }

  @Test
  void helpWorksForEveryCommand() {
    for (String cmd : new String[] {"list", "summary", "train", "sweep", "predict"}) {
      CliRunner.Outcome o = CliRunner.run(cmd, "--help");
      assertEquals(0, o.exitCode(), cmd);
      assertTrue(o.out().contains("Usage: seq2seq4j " + cmd), o.out());
    }
    assertEquals(0, CliRunner.run("--help").exitCode());
  }

  /** The README's predict examples, on models trained with each recipe's defaults. */
  @Test
  void readmePredictExamplesWorkAsWritten(@TempDir Path tmp) {
    String[][] examples = {{"addition-seq2seq", "3+10"}, {"reverse-lstm-default", "3 2 9 1"}};
    for (String[] e : examples) {
      Path dir = tmp.resolve(e[0]);
      assertEquals(0, CliRunner.run("train", e[0], "--epochs", "1", "--save", dir.toString())
          .exitCode());
      CliRunner.Outcome o = CliRunner.run("predict", "--model", dir.toString(), e[1]);
      assertEquals(0, o.exitCode(), e[0] + ": " + o.err());
      assertTrue(o.out().strip().matches(e[0].startsWith("addition") ? "\\d+" : "\\d( \\d){3}"),
          o.out());
    }
  }

  @Test
  void saveAndExportMayShareAFolder(@TempDir Path tmp) {
    Path both = tmp.resolve("both");
    CliRunner.Outcome o = CliRunner.run("train", "addition-mlp", "--epochs", "1", "--save",
        both.toString(), "--export", both.toString());
    assertEquals(0, o.exitCode(), o.err());
    CliRunner.Outcome answer = CliRunner.run("predict", "--model", both.toString(), "12+50");
    assertEquals(0, answer.exitCode(), answer.err());
    CliRunner.Outcome parity = CliRunner.run("parity", both.toString());
    assertEquals(0, parity.exitCode(), parity.err() + parity.out());
    assertTrue(parity.out().contains("PASS") || parity.out().contains("passed"), parity.out());
  }

  @Test
  void summaryPrintsTheKerasTable() {
    CliRunner.Outcome o = CliRunner.run("summary", "addition-seq2seq");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Total params: 76,012"), o.out());
    CliRunner.Outcome longer = CliRunner.run("summary", "reverse-return-state", "--length", "8");
    assertTrue(longer.out().contains("(None, 8, 10)"), longer.out());
  }

  @Test
  void jsonLastLineHasTheRequiredKeys() throws Exception {
    CliRunner.Outcome o = CliRunner.run("train", "addition-seq2seq", "--epochs", "2", "--json");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Expected="), "tutorial-style examples");
    JsonNode json = new ObjectMapper().readTree(o.lastLine());
    for (String key : new String[] {"recipe", "seed", "epochs_run", "train_seconds",
        "exact_match_accuracy", "test_accuracy"}) {
      assertTrue(json.has(key), key + " in " + json);
    }
    assertEquals("addition-seq2seq", json.get("recipe").asText());
    assertEquals(2, json.get("epochs_run").asInt());
  }

  @Test
  void quietTrainingDropsTheEpochLinesOnly() throws Exception {
    CliRunner.Outcome loud = CliRunner.run("train", "addition-lstm", "--epochs", "2");
    assertTrue(loud.out().contains("Epoch 2/2"), loud.out());
    CliRunner.Outcome o = CliRunner.run("train", "addition-lstm", "--epochs", "2", "--quiet",
        "--json");
    assertEquals(0, o.exitCode(), o.err());
    assertFalse(o.out().contains("Epoch "), o.out());
    assertTrue(o.out().contains("addition-lstm: seed 1, 2 epochs"), o.out());
    assertTrue(o.out().contains("RMSE: "), "the tutorial's result line: " + o.out());
    assertEquals(2, new ObjectMapper().readTree(o.lastLine()).get("epochs_run").asInt());
  }

  @Test
  void reverseRecipePrintsTheTutorialsLines() throws Exception {
    CliRunner.Outcome o = CliRunner.run("train", "reverse-return-state", "--epochs", "2",
        "--samples", "200", "--json");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("PREDICTION ACCURACY (%):"), o.out());
    assertTrue(o.out().matches("(?s).*Train: \\d+\\.\\d{3}, Test: \\d+\\.\\d{3}.*"), o.out());
    assertTrue(o.out().contains("Input ["), o.out());
    JsonNode json = new ObjectMapper().readTree(o.lastLine());
    assertTrue(json.has("test_accuracy") && json.has("exact_match_accuracy"), json.toString());
  }

  @Test
  void saveThenPredictRoundTrip(@TempDir Path tmp) {
    Path dir = tmp.resolve("mlp");
    // The mapping MLP learns the sum almost exactly in its tutorial configuration (seed 2).
    CliRunner.Outcome trained =
        CliRunner.run("train", "addition-mlp", "--seed", "2", "--save", dir.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertTrue(trained.out().contains("RMSE: "), trained.out());
    CliRunner.Outcome p = CliRunner.run("predict", "--model", dir.toString(), "12+50", "3+10");
    assertEquals(0, p.exitCode(), p.err());
    assertEquals("62\n13\n", p.out().replace("\r", ""));
  }

  @Test
  void reversePredictAnswersInTheSameNotation(@TempDir Path tmp) {
    Path dir = tmp.resolve("rev");
    CliRunner.Outcome trained = CliRunner.run("train", "reverse-return-sequences-state",
        "--epochs", "2", "--samples", "200", "--save", dir.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    CliRunner.Outcome p = CliRunner.run("predict", "--model", dir.toString(), "3 2 9 1");
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.out().strip().matches("\\d \\d \\d \\d"), p.out());

    CliRunner.Outcome bad = CliRunner.run("predict", "--model", dir.toString(), "3 2 9");
    CliRunner.assertOneErrorLine(bad, "expected 4 values");
  }

  @Test
  void exportWritesASavedModelThatReloads(@TempDir Path tmp) {
    Path dir = tmp.resolve("sm");
    CliRunner.Outcome o = CliRunner.run("train", "reverse-lstm-default", "--epochs", "1",
        "--samples", "100", "--export", dir.toString());
    assertEquals(0, o.exitCode(), o.err());
    try (SavedModelRunner runner = SavedModelRunner.open(dir)) {
      assertEquals(List.of("input"), runner.signature("serving_default").inputNames());
      assertEquals(List.of("output_0"), runner.signature("serving_default").outputNames());
    }
    // A second export into the now non-empty folder is refused before any training.
    CliRunner.Outcome again = CliRunner.run("train", "reverse-lstm-default", "--export",
        dir.toString());
    CliRunner.assertOneErrorLine(again, "not empty");
    assertFalse(again.out().contains("Epoch"), "refused before training: " + again.out());
  }

  @Test
  void plotWritesAPng(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("curves.png");
    CliRunner.Outcome o = CliRunner.run("train", "addition-lstm", "--epochs", "2",
        "--plot", png.toString());
    assertEquals(0, o.exitCode(), o.err());
    byte[] head = Files.readAllBytes(png);
    assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G');
  }

  @Test
  void tinySweepWritesJsonAndChart(@TempDir Path tmp) throws Exception {
    Path json = tmp.resolve("sweep.json");
    Path png = tmp.resolve("sweep.png");
    CliRunner.Outcome o = CliRunner.run("sweep", "--lengths", "4", "--epochs", "1",
        "--samples", "100", "--json", json.toString(), "--plot", png.toString(), "--quiet");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("38.625"), o.out());
    assertFalse(o.out().contains("seed 1: test"), "--quiet drops the line per run: " + o.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(5, root.get("cells").size()); // four wirings and the attention model
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void unknownRecipeIsAUserError() {
    CliRunner.Outcome o = CliRunner.run("train", "addition");
    CliRunner.assertOneErrorLine(o, "unknown recipe 'addition'");
  }

  @Test
  void flagThatDoesNotApplyIsAUserError() {
    CliRunner.Outcome o = CliRunner.run("train", "addition-mlp", "--length", "8");
    CliRunner.assertOneErrorLine(o, "--length does not apply");
    CliRunner.Outcome zero = CliRunner.run("train", "reverse-mlp", "--epochs", "0");
    CliRunner.assertOneErrorLine(zero, "epochs must be >= 1");
  }

  @Test
  void missingModelFolderIsAUserError(@TempDir Path tmp) {
    CliRunner.Outcome o =
        CliRunner.run("predict", "--model", tmp.resolve("none").toString(), "1+2");
    CliRunner.assertOneErrorLine(o, "checkpoint folder not found");
  }

  @Test
  void usageErrorsExitTwoWithPicocliMessage() {
    CliRunner.Outcome o = CliRunner.run("train");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().contains("Missing required parameter"), o.err());
    assertEquals(2, CliRunner.run("train", "addition-mlp", "--epochs", "many").exitCode());
    assertEquals(2, CliRunner.run("predict", "1+2").exitCode());
  }

}
