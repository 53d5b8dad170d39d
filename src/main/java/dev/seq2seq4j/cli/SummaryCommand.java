package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code summary <recipe>}: the Keras-style summary of a recipe's model. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    modelTransformer = RecipeOptions.Flags.class,
    description = "Print a recipe's model summary (layers, output shapes, parameters).")
final class SummaryCommand implements Runnable {
  private final Io io;

  @Parameters(index = "0", paramLabel = "RECIPE", description = "A recipe name (see 'list').")
  String recipeName;

  @Spec CommandSpec spec;

  SummaryCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Recipe recipe = RecipeNames.resolve(recipeName);
    io.out().println(recipe.buildModel(RecipeOptions.apply(spec, recipe)).summary());
  }
}
