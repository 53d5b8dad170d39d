package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.train.Checkpoint;
import dev.seq2seq4j.train.CompiledModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recipe's trained model restored from a checkpoint, ready to answer questions. The checkpoint
 * metadata holds the recipe name and its configuration, which is all it takes to rebuild the
 * model before the weights are put back.
 */
public final class TrainedRecipe implements AutoCloseable {
  /** Metadata key of the recipe name. */
  public static final String RECIPE_KEY = "recipe";
  /** Metadata key of the configuration map. */
  public static final String CONFIG_KEY = "config";
  /** Metadata key of the metrics map. */
  public static final String METRICS_KEY = "metrics";

  private final Recipe recipe;
  private final RecipeConfig config;
  private final CompiledModel model;

  private TrainedRecipe(Recipe recipe, RecipeConfig config, CompiledModel model) {
    this.recipe = recipe;
    this.config = config;
    this.model = model;
  }

  /**
   * Saves a run's weights with the metadata needed to rebuild its model.
   *
   * @param dir the checkpoint folder
   * @param result the run
   * @throws IllegalArgumentException if {@code dir} holds something other than a checkpoint
   */
  public static void save(Path dir, RecipeResult result) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(RECIPE_KEY, result.recipe());
    meta.put(CONFIG_KEY, result.config().toMap());
    meta.put(METRICS_KEY, result.metrics());
    Checkpoint.save(dir, result.weights(), meta);
  }

  /**
   * Loads a checkpoint written by {@link #save}.
   *
   * @param dir the checkpoint folder
   * @return the restored model; close it to free native memory
   * @throws IllegalArgumentException if the folder is missing, not a checkpoint, or its
   *     metadata does not name a known recipe with a valid configuration
   */
  public static TrainedRecipe load(Path dir) {
    Checkpoint cp = Checkpoint.load(dir);
    Object name = cp.metadata().get(RECIPE_KEY);
    if (!(name instanceof String recipeName)) {
      throw new IllegalArgumentException(
          "checkpoint " + dir + " does not name a recipe in its metadata");
    }
    Recipe recipe = Recipes.byName(recipeName);
    Object configMap = cp.metadata().get(CONFIG_KEY);
    if (!(configMap instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          "checkpoint " + dir + " has no recipe configuration in its metadata");
    }
    RecipeConfig config = RecipeConfig.fromMap(m);
    CompiledModel model = recipe.compile(recipe.buildModel(config), config);
    try {
      model.setWeights(cp.weights());
    } catch (RuntimeException e) {
      model.close();
      throw new IllegalArgumentException(
          "checkpoint " + dir + " does not fit recipe " + recipeName + ": " + e.getMessage(), e);
    }
    return new TrainedRecipe(recipe, config, model);
  }

  /**
   * The recipe the model belongs to.
   *
   * @return the recipe
   */
  public Recipe recipe() {
    return recipe;
  }

  /**
   * The configuration the model was trained with.
   *
   * @return the configuration
   */
  public RecipeConfig config() {
    return config;
  }

  /**
   * Answers one question in the recipe's notation.
   *
   * @param question e.g. {@code "12+50"} or {@code "3 2 9 1"}
   * @return the answer
   * @throws IllegalArgumentException with a one-line message if the question is invalid
   */
  public String answer(String question) {
    return recipe.answer(config, model, question);
  }

  @Override
  public void close() {
    model.close();
  }
}
