package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags the recipes declare, end to end: parsing, applicability, metadata, answers. */
class RecipeFlagsCliTest {

  @Test
  void switchesTakeAnOptionalValueAndLeaveTheRecipeNameAlone() {
    CliRunner.Outcome before = CliRunner.run("summary", "--bidirectional", "reverse-attention");
    assertEquals(0, before.exitCode(), before.err());
    assertTrue(before.out().contains("Bidirectional"), before.out());
    CliRunner.Outcome off = CliRunner.run("summary", "reverse-variable", "--bidirectional=false");
    assertEquals(0, off.exitCode(), off.err());
    assertFalse(off.out().contains("Bidirectional"), off.out());
  }

  @Test
  void flagsAreCheckedAgainstTheRecipesKnobs() {
    CliRunner.assertOneErrorLine(CliRunner.run("summary", "addition-mlp", "--reverse-input"),
        "--reverse-input does not apply to recipe addition-mlp");
    CliRunner.assertOneErrorLine(CliRunner.run("summary", "keras-addition-rnn", "--digits", "12"),
        "digits must be in [1, 9], got 12");
    CliRunner.assertOneErrorLine(CliRunner.run("summary", "addition-mixed-terms", "--min-terms", "5"),
        "1 <= min-terms <= terms");
    // A switch's value is picocli's to convert, so this is its usage error.
    CliRunner.Outcome maybe = CliRunner.run("summary", "reverse-attention", "--generated=maybe");
    assertEquals(2, maybe.exitCode());
    assertTrue(maybe.err().contains("'maybe' is not a boolean"), maybe.err());
    CliRunner.Outcome list = CliRunner.run("list", "--flags");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("--reverse-input true --target-accuracy 0.99"), list.out());
  }

  @Test
  void newKnobsAreWrittenOnlyWhenSet() throws Exception {
    CliRunner.Outcome o = CliRunner.run("train", "reverse-attention", "--generated", "--epochs",
        "1", "--samples", "64", "--units", "8", "--json");
    assertEquals(0, o.exitCode(), o.err());
    JsonNode config = new ObjectMapper().readTree(o.lastLine()).get("config");
    assertTrue(config.get("generated").asBoolean(), config.toString());
    assertFalse(config.has("bidirectional"), config.toString());
  }

  @Test
  void textRecipesAnswerInTheirOwnNotation(@TempDir Path tmp) {
    Path dir = tmp.resolve("arith");
    CliRunner.Outcome trained = CliRunner.run("train", "arithmetic", "--epochs", "1",
        "--samples", "200", "--units", "16", "--save", dir.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    CliRunner.Outcome p = CliRunner.run("predict", "--model", dir.toString(), "12*34", "3-10");
    assertEquals(0, p.exitCode(), p.err());
    assertEquals(2, p.out().strip().lines().count(), p.out());
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--model", dir.toString(), "12/34"),
        "invalid input for arithmetic");

    Path unique = tmp.resolve("unique");
    CliRunner.Outcome u = CliRunner.run("train", "reverse-unique", "--epochs", "1", "--samples",
        "64", "--length", "5", "--units", "8", "--save", unique.toString());
    assertEquals(0, u.exitCode(), u.err());
    CliRunner.Outcome answer = CliRunner.run("predict", "--model", unique.toString(), "3 2 3 5 2",
        "7");
    assertEquals(0, answer.exitCode(), answer.err());
    assertEquals(2, answer.out().strip().lines().count(), answer.out());
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--model", unique.toString(), "1 2 3 4 5 6"),
        "expected 1 to 5 values");
  }

}
