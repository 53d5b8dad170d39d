package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.Recipes;
import picocli.CommandLine.Command;

/** {@code list}: the recipe names with one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the recipes.")
final class ListCommand implements Runnable {
  private final Io io;

  ListCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    int width = 0;
    for (String name : Recipes.names()) {
      width = Math.max(width, name.length());
    }
    for (Recipe r : Recipes.all()) {
      io.out().printf("%-" + width + "s  %s%n", r.name(), r.description());
    }
    io.out().printf("%-" + width + "s  %s%n", "sweep",
        "Karakaya's table: the four LSTM wirings x lengths 4, 8, 16 (command 'sweep')");
  }
}
