package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Knob;
import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.Recipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: the recipe names with one line each, and with {@code --flags} their flags. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the recipes.")
final class ListCommand implements Runnable {
  private final Io io;

  @Option(names = "--flags",
      description = "Under each recipe, the flags it takes with their defaults.")
  boolean flags;

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
      if (flags) {
        StringBuilder sb = new StringBuilder();
        for (Knob<?> k : r.knobs()) {
          sb.append(' ').append(k.flag()).append(' ').append(k.defaultValue());
        }
        io.out().printf("%-" + width + "s   %s%n", "", sb.toString().strip());
      }
    }
    io.out().printf("%-" + width + "s  %s%n", "sweep",
        "Karakaya's table: four LSTM wirings and attention x lengths 4, 8, 16 (command 'sweep')");
  }
}
