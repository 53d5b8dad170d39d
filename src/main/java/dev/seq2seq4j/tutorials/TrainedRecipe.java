package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.state.SavedWeights;
import dev.seq2seq4j.train.state.TrainingState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A recipe's trained model restored from saved weights, ready to answer questions, and the
 * recipe side of training states. The metadata of both holds the recipe name and its
 * configuration, which is all it takes to rebuild the model before the weights are put back;
 * loading checks that metadata as strictly as the weights themselves.
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
   * @param dir the folder
   * @param result the run
   * @throws IllegalArgumentException if {@code dir} holds something other than saved weights
   */
  public static void save(Path dir, RecipeResult result) {
    Map<String, Object> meta = metadata(result.recipe(), result.config());
    meta.put(METRICS_KEY, result.metrics());
    SavedWeights.save(dir, result.weights(), meta);
  }

  private static Map<String, Object> metadata(String recipe, RecipeConfig config) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(RECIPE_KEY, recipe);
    meta.put(CONFIG_KEY, config.toMap());
    return meta;
  }

  /**
   * Loads weights written by {@link #save}.
   *
   * @param dir the folder
   * @return the restored model; close it to free native memory
   * @throws IllegalArgumentException if the folder is missing, fails its checks, or its metadata
   *     does not name a known recipe with a valid configuration whose model has exactly the
   *     saved weights
   */
  public static TrainedRecipe load(Path dir) {
    SavedWeights saved = SavedWeights.load(dir);
    String what = "saved model " + dir;
    Recipe recipe = recipeOf(what, saved.metadata());
    RecipeConfig config = configOf(what, recipe, saved.metadata());
    Model m = recipe.buildModel(config);
    Weights weights;
    try {
      weights = saved.weights().requireComplete("recipe " + recipe.name(), m.weights());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + " does not fit recipe " + recipe.name() + ": " + e.getMessage(), e);
    }
    CompiledModel model = recipe.compile(m, config);
    try {
      model.setWeights(weights);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new TrainedRecipe(recipe, config, model);
  }

  /**
   * Where a recipe run's training states go: {@code dir}, with the recipe and configuration as
   * metadata so {@link #loadState} can check a resume.
   *
   * @param dir the folder
   * @param recipe the recipe
   * @param config its configuration
   * @return the sink for {@code FitOptions.checkpointEvery}
   */
  public static Consumer<TrainingState> stateWriter(Path dir, Recipe recipe, RecipeConfig config) {
    Map<String, Object> meta = metadata(recipe.name(), config);
    return state -> state.withMetadata(meta).save(dir);
  }

  /**
   * Reads a training state written through {@link #stateWriter} and checks that it belongs to
   * this recipe and configuration; only the epoch count may differ (a longer run continues).
   *
   * @param dir the folder
   * @param recipe the recipe being resumed
   * @param config the configuration asked for now
   * @return the state
   * @throws IllegalArgumentException if the state is missing, corrupt, or from another recipe or
   *     configuration
   */
  public static TrainingState loadState(Path dir, Recipe recipe, RecipeConfig config) {
    TrainingState state = TrainingState.load(dir);
    String what = "training state " + dir;
    Recipe saved = recipeOf(what, state.metadata());
    RecipeConfig savedConfig = configOf(what, saved, state.metadata());
    if (!saved.name().equals(recipe.name())) {
      throw new IllegalArgumentException(
          what + " belongs to recipe " + saved.name() + ", not " + recipe.name());
    }
    if (!savedConfig.withEpochs(config.epochs()).equals(config)) {
      throw new IllegalArgumentException(what + " was trained with " + savedConfig.toMap()
          + "; resume with the same flags (only --epochs may differ), not " + config.toMap());
    }
    if (state.epochsCompleted() > config.epochs()) {
      throw new IllegalArgumentException(what + " has completed " + state.epochsCompleted()
          + " epochs, more than --epochs " + config.epochs());
    }
    return state;
  }

  private static Recipe recipeOf(String what, Map<String, Object> meta) {
    if (!(meta.get(RECIPE_KEY) instanceof String name)) {
      throw new IllegalArgumentException(what + " does not name a recipe in its metadata");
    }
    try {
      return Recipes.byName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " names " + e.getMessage(), e);
    }
  }

  /**
   * The configuration in the metadata, checked by the recipe's knobs: known keys only, values of
   * the knobs' types within their rules, every knob present that is always written, and sizes
   * that build the recipe's model.
   */
  private static RecipeConfig configOf(String what, Recipe recipe, Map<String, Object> meta) {
    if (!(meta.get(CONFIG_KEY) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(what + " has no recipe configuration in its metadata");
    }
    try {
      RecipeConfig config = RecipeConfig.fromMap(recipe.knobs(), m);
      recipe.buildModel(config);
      return config;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " has an invalid configuration for recipe "
          + recipe.name() + ": " + e.getMessage(), e);
    }
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
