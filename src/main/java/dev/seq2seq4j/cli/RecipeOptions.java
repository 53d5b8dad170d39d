package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.RecipeConfig;
import picocli.CommandLine.Option;

/**
 * The flags that change a recipe's configuration; every flag left out keeps the tutorial's value.
 * A flag for a size the recipe does not have (e.g. {@code --length} for an addition recipe) is
 * an error rather than silently ignored.
 */
final class RecipeOptions {
  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of data, initial weights and shuffling (default: 1).")
  Long seed;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Training epochs (the maximum, where early stopping applies).")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "N", description = "Samples per optimizer step.")
  Integer batch;

  @Option(names = "--samples", paramLabel = "N",
      description = "Training samples (per epoch for the addition recipes).")
  Integer samples;

  @Option(names = "--largest", paramLabel = "N",
      description = "Largest addition term (addition recipes).")
  Integer largest;

  @Option(names = "--terms", paramLabel = "N",
      description = "Number of addition terms (addition recipes).")
  Integer terms;

  @Option(names = "--length", paramLabel = "N",
      description = "Sequence length (reverse recipes).")
  Integer length;

  @Option(names = "--units", paramLabel = "N",
      description = "LSTM width (encoder width for addition-seq2seq, hidden width for reverse-mlp).")
  Integer units;

  /**
   * The recipe's defaults with the given flags applied.
   *
   * @throws UserInputException if a flag does not apply to the recipe or a value is invalid
   */
  RecipeConfig apply(Recipe recipe) {
    RecipeConfig d = recipe.defaults();
    requireApplicable(recipe, "--largest", largest, d.largest());
    requireApplicable(recipe, "--terms", terms, d.terms());
    requireApplicable(recipe, "--length", length, d.length());
    requireApplicable(recipe, "--units", units, d.units());
    try {
      RecipeConfig c = d;
      c = seed == null ? c : c.withSeed(seed);
      c = epochs == null ? c : c.withEpochs(epochs);
      c = batch == null ? c : c.withBatch(batch);
      c = samples == null ? c : c.withSamples(samples);
      c = largest == null ? c : c.withLargest(positive("--largest", largest));
      c = terms == null ? c : c.withTerms(positive("--terms", terms));
      c = length == null ? c : c.withLength(positive("--length", length));
      c = units == null ? c : c.withUnits(positive("--units", units));
      recipe.buildModel(c); // checks the sizes fit together before any training starts
      return c;
    } catch (IllegalArgumentException e) {
      throw new UserInputException(recipe.name() + ": " + e.getMessage());
    }
  }

  private static int positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be >= 1, got " + value);
    }
    return value;
  }

  private static void requireApplicable(Recipe recipe, String flag, Integer value, int dflt) {
    if (value != null && dflt == 0) {
      throw new UserInputException(flag + " does not apply to recipe " + recipe.name());
    }
  }
}
