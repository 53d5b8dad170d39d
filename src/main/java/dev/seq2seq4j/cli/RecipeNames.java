package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.Recipes;

/** Looks recipe names up for the commands, turning an unknown name into a user error. */
final class RecipeNames {
  private RecipeNames() {}

  /** The recipe called {@code name}; a user error listing the names if there is none. */
  static Recipe resolve(String name) {
    try {
      return Recipes.byName(name);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }
}
