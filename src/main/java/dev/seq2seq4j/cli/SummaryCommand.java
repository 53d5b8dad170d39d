package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code summary <recipe>}: the Keras-style summary of a recipe's model. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print a recipe's model summary (layers, output shapes, parameters).")
final class SummaryCommand implements Runnable {
  private final Io io;

  @Parameters(index = "0", paramLabel = "RECIPE", description = "A recipe name (see 'list').")
  String recipeName;

  @Mixin RecipeOptions options;

  SummaryCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Recipe recipe = RecipeNames.resolve(recipeName);
    io.out().println(recipe.buildModel(options.apply(recipe)).summary());
  }
}
