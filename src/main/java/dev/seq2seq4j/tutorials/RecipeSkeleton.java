package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one way every recipe runs: build the model, ask the recipe for its {@link RunPlan}, print
 * the summary, compile with the seed, fit with the common options plus the plan's validation and
 * listeners, evaluate, and collect the plan's metrics followed by the last epoch's training
 * metrics. A recipe supplies only the model and the plan.
 */
abstract class RecipeSkeleton implements Recipe {

  /**
   * The data source, stopping rules and evaluation of one run of {@code model}.
   *
   * @param config the run's configuration
   * @param model the model {@link #buildModel} gave for it
   * @return the plan
   * @throws IllegalArgumentException if the configuration is invalid for this recipe
   */
  protected abstract RunPlan plan(RecipeConfig config, Model model);

  /**
   * Compiles with the recipe's loss and seed, and with {@code --learning-rate} where the recipe
   * has it and it differs from Keras's default (only then, so that recipes at the default
   * compile exactly as they always have).
   */
  @Override
  public CompiledModel compile(Model model, RecipeConfig config) {
    if (!config.has(Knobs.LEARNING_RATE)
        || config.get(Knobs.LEARNING_RATE) == Knobs.KERAS_ADAM_RATE) {
      return Recipe.super.compile(model, config);
    }
    return CompiledModel.compile(model, CompileOptions.builder(loss()).seed(config.seed())
        .learningRate(config.get(Knobs.LEARNING_RATE).floatValue()).build());
  }

  @Override
  public final RecipeResult run(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup) {
    Model model = buildModel(config);
    RunPlan plan = plan(config, model);
    reporter.println(model.summary());
    try (CompiledModel compiled = compile(model, config)) {
      FitOptions.Builder fit = Recipe.fitOptions(config, reporter, fitSetup);
      if (plan.validation() != null) {
        fit.validation(plan.validation());
      }
      plan.listeners().forEach(fit::listener);
      plan.preamble().forEach(reporter::println);
      History history = compiled.fit(plan.trainingData(), fit.build());
      Map<String, Double> metrics =
          new LinkedHashMap<>(plan.evaluation().evaluate(compiled, history, reporter));
      for (String name : plan.historyMetrics()) {
        metrics.put(name, history.last().get(name).orElse(Double.NaN));
      }
      return new RecipeResult(name(), config, history, metrics, compiled.weights());
    }
  }
}
