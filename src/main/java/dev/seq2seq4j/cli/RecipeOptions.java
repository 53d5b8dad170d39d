package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.Knob;
import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.RecipeConfig;
import dev.seq2seq4j.tutorials.Recipes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The flags that change a recipe's configuration: one per knob that any recipe declares
 * ({@code --seed --epochs --batch --samples --largest --terms --length --units} and the ones
 * recipes added since), put on a command by {@link Flags} when picocli builds it and read back
 * by {@link #apply}. Every flag
 * left out keeps the recipe's default; a flag the recipe has no knob for is an error rather than
 * silently ignored, and each value is checked by its knob's rule.
 */
final class RecipeOptions {
  private RecipeOptions() {}

  /**
   * Adds one option per knob to a command ({@code @Command(modelTransformer = ...)}), so the
   * flags and their help come from the recipes' declarations and cannot drift from them.
   */
  static final class Flags implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      for (Knob<?> k : Recipes.knobs()) {
        OptionSpec.Builder option = OptionSpec.builder(k.flag())
            .paramLabel(k.type().label())
            .description(k.description());
        if (k.type().isSwitch()) {
          // Boolean with an optional value: picocli only takes a following word if it is
          // true or false, so "--generated reverse-attention" still finds the recipe name.
          option.type(Boolean.class).arity("0..1").fallbackValue("true");
        } else {
          option.type(String.class).arity("1");
        }
        spec.addOption(option.build());
      }
      return spec;
    }
  }

  /**
   * The recipe's defaults with the flags given to a command applied.
   *
   * @param command the parsed command, built with {@link Flags}
   * @param recipe the recipe
   * @return the configuration
   * @throws UserInputException if a flag does not apply to the recipe or a value is invalid
   */
  static RecipeConfig apply(CommandSpec command, Recipe recipe) {
    ParseResult parsed = command.commandLine().getParseResult();
    RecipeConfig d = recipe.defaults();
    List<OptionSpec> given = new ArrayList<>();
    for (Knob<?> k : Recipes.knobs()) {
      OptionSpec option = parsed.matchedOption(k.flag());
      if (option == null) {
        continue;
      }
      if (d.knob(k.name()).isEmpty()) {
        throw new UserInputException(k.flag() + " does not apply to recipe " + recipe.name());
      }
      given.add(option);
    }
    try {
      RecipeConfig c = d;
      for (OptionSpec option : given) {
        Knob<?> knob = d.knob(option.longestName().substring(2)).orElseThrow();
        Object value = option.getValue();
        c = c.withValue(knob.name(), knob.parse(value == null ? "" : value.toString()));
      }
      recipe.buildModel(c); // checks the sizes fit together before any training starts
      return c;
    } catch (IllegalArgumentException e) {
      throw new UserInputException(recipe.name() + ": " + e.getMessage());
    }
  }
}
