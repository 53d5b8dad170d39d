package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Knob declarations: parsing, rules, metadata, and configurations written and read back. */
class KnobTest {

  @Test
  void parsesAndChecksCommandLineWords() {
    assertEquals(7, Knobs.EPOCHS.parse("7"));
    assertEquals(-3L, Knobs.SEED.parse("-3"));
    assertEquals(true, Knobs.REVERSE_INPUT.parse(""));
    assertEquals(false, Knobs.REVERSE_INPUT.parse("FALSE"));
    assertEquals(0.5, Knobs.TARGET_ACCURACY.parse("0.5"));
    assertMessage(() -> Knobs.EPOCHS.parse("many"), "--epochs: 'many' is not a whole number");
    assertMessage(() -> Knobs.EPOCHS.parse("0"), "epochs must be >= 1, got 0");
    assertMessage(() -> Knobs.EPOCHS.parse("99999999999"), "too large");
    assertMessage(() -> Knobs.DIGITS.parse("12"), "digits must be in [1, 9], got 12");
    assertMessage(() -> Knobs.TARGET_ACCURACY.parse("1.5"), "target-accuracy must be in");
    assertMessage(() -> Knobs.GENERATED.parse("yes"), "'yes' is not true or false");
    assertMessage(() -> Knobs.UNITS.withDefault(0), "units must be >= 1, got 0");
  }

  @Test
  void readsMetadataStrictly() {
    assertEquals(2, Knobs.BATCH.fromMetadata(2L));
    assertEquals(5L, Knobs.SEED.fromMetadata(5));
    assertMessage(() -> Knobs.BATCH.fromMetadata(2.5),
        "setting 'batch' is not a whole number in range: 2.5");
    assertMessage(() -> Knobs.BATCH.fromMetadata("2"), "setting 'batch' is not a whole number");
    assertMessage(() -> Knobs.REVERSE_INPUT.fromMetadata(1),
        "setting 'reverse_input' is not true or false");
    assertMessage(() -> Knobs.BATCH.fromMetadata(1L << 40), "not a whole number in range");
  }

  @Test
  void knobsAddedLaterStayOutOfOldConfigurations() {
    Recipe adder = Recipes.byName("addition-seq2seq");
    Map<String, Object> written = adder.defaults().toMap();
    assertFalse(written.containsKey("reverse_input"), written.toString());
    // What addition-seq2seq wrote before it had --reverse-input still reads, as the default.
    RecipeConfig old = RecipeConfig.fromMap(adder.knobs(), written);
    assertEquals(false, old.get(Knobs.REVERSE_INPUT));
    RecipeConfig reversed = adder.defaults().with(Knobs.REVERSE_INPUT, true);
    assertEquals(true, reversed.toMap().get("reverse_input"));
    assertEquals(reversed, RecipeConfig.fromMap(adder.knobs(), reversed.toMap()));
  }

  @Test
  void configurationsRefuseWhatTheRecipeDoesNotDeclare() {
    Recipe mlp = Recipes.byName("addition-mlp");
    assertMessage(() -> mlp.defaults().get(Knobs.LENGTH), "the recipe has no 'length'");
    Map<String, Object> m = new HashMap<>(mlp.defaults().toMap());
    m.put("units", 3);
    assertMessage(() -> RecipeConfig.fromMap(mlp.knobs(), m), "the recipe has no 'units'");
    m.remove("units");
    m.remove("terms");
    assertMessage(() -> RecipeConfig.fromMap(mlp.knobs(), m), "'terms' is missing");
    assertMessage(() -> RecipeConfig.defaults(List.of(Knobs.SEED, Knobs.EPOCHS)),
        "every recipe has the knob 'batch'");
  }

  @Test
  void everyRecipeDeclaresTheCommonKnobsAndValidDefaults() {
    for (Recipe r : Recipes.all()) {
      RecipeConfig d = r.defaults();
      assertTrue(d.has(Knobs.SEED) && d.has(Knobs.EPOCHS) && d.has(Knobs.SAMPLES), r.name());
      r.buildModel(d); // the defaults fit together
      assertEquals(d, RecipeConfig.fromMap(r.knobs(), d.toMap()), r.name());
    }
    assertTrue(Recipes.knobs().stream().map(Knob::name).toList()
        .containsAll(List.of("seed", "epochs", "batch", "samples", "largest", "terms", "length",
            "units")));
  }

  private static void assertMessage(Runnable r, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
