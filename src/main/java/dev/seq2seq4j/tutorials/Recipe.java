package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Loss;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One experiment of a tutorial, by name, with the tutorial's configuration as its defaults: it
 * builds the model, trains it the tutorial's way, reports in the tutorial's words and returns the
 * metrics. A trained model can also answer a user's question in the recipe's own notation.
 */
public interface Recipe {

  /**
   * The recipe name, e.g. {@code addition-seq2seq}.
   *
   * @return the name
   */
  String name();

  /**
   * One line saying what the recipe is.
   *
   * @return the description
   */
  String description();

  /**
   * The settings this recipe has, with its defaults (the tutorial's own configuration), in the
   * order its configuration is written. A knob that is not here does not apply.
   *
   * @return the knobs, {@link Knobs#SEED}, {@link Knobs#EPOCHS}, {@link Knobs#BATCH} and {@link
   *     Knobs#SAMPLES} among them
   */
  List<Knob<?>> knobs();

  /**
   * The recipe's default configuration.
   *
   * @return every knob at its default
   */
  default RecipeConfig defaults() {
    return RecipeConfig.defaults(knobs());
  }

  /**
   * The training loss (also needed to compile a model for prediction).
   *
   * @return the loss
   */
  Loss loss();

  /**
   * The model for a configuration, untrained.
   *
   * @param config the configuration
   * @return the model
   * @throws IllegalArgumentException if the configuration is invalid for this recipe
   */
  Model buildModel(RecipeConfig config);

  /**
   * Trains and evaluates as the tutorial does, printing the tutorial's output.
   *
   * @param config the configuration
   * @param reporter where to print
   * @return the metrics, history and trained weights
   * @throws IllegalArgumentException if the configuration is invalid for this recipe
   */
  default RecipeResult run(RecipeConfig config, Reporter reporter) {
    return run(config, reporter, UnaryOperator.identity());
  }

  /**
   * Trains and evaluates as the tutorial does, letting the caller add to the fit options (write
   * training states, resume from one) without changing anything the tutorial decides.
   *
   * @param config the configuration
   * @param reporter where to print
   * @param fitSetup applied to the recipe's fit options before training
   * @return the metrics, history and trained weights
   * @throws IllegalArgumentException if the configuration is invalid for this recipe
   */
  RecipeResult run(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup);

  /**
   * Answers one question with a trained model, e.g. {@code "12+50"} to {@code "62"}, or
   * {@code "3 2 9 1"} to {@code "1 9 2 3"}.
   *
   * @param config the configuration the model was built with
   * @param model the trained model
   * @param question the user's input
   * @return the answer
   * @throws IllegalArgumentException with a one-line message if the question is invalid
   */
  String answer(RecipeConfig config, CompiledModel model, String question);

  /**
   * An example question, for help texts and error messages.
   *
   * @param config the configuration
   * @return e.g. {@code "12+50"}
   */
  String exampleQuestion(RecipeConfig config);

  /**
   * Compiles {@code model} with this recipe's loss, its initial weights seeded by the config.
   *
   * @param model the recipe's model
   * @param config the run's configuration
   * @return the compiled model (close it)
   */
  default CompiledModel compile(Model model, RecipeConfig config) {
    return CompiledModel.compile(model, CompileOptions.builder(loss()).seed(config.seed()).build());
  }

  /**
   * The fit options every recipe starts from: the config's epochs, batch size and shuffling
   * seed, plus the reporter's progress output and the caller's additions.
   *
   * @param config the run's configuration
   * @param reporter where progress goes
   * @param fitSetup the caller's additions (training states), applied last
   * @return a builder to add validation or listeners to
   */
  static FitOptions.Builder fitOptions(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup) {
    FitOptions.Builder fit = FitOptions.builder()
        .epochs(config.epochs())
        .batchSize(config.batch())
        .shuffleSeed(config.seed());
    reporter.progress().ifPresent(fit::listener);
    return fitSetup.apply(fit);
  }
}
