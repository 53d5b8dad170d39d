package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityFileWriter;
import dev.seq2seq4j.interop.savedmodel.SavedModelExporter;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.RecipeConfig;
import dev.seq2seq4j.tutorials.RecipeResult;
import dev.seq2seq4j.tutorials.Reporter;
import dev.seq2seq4j.tutorials.TrainedRecipe;
import dev.seq2seq4j.tutorials.TrainingCurves;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train <recipe>}: runs one tutorial experiment and reports it in the tutorial's form. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train and evaluate a recipe with the tutorial's configuration "
        + "(flags change it).")
final class TrainCommand implements Runnable {
  private final Io io;

  @Parameters(index = "0", paramLabel = "RECIPE", description = "A recipe name (see 'list').")
  String recipeName;

  @Mixin RecipeOptions options;

  @Option(names = "--json",
      description = "End the output with one line of JSON: recipe, seed, epochs_run, "
          + "train_seconds and the metrics.")
  boolean json;

  @Option(names = "--plot", paramLabel = "FILE.png",
      description = "Write loss and accuracy curves per epoch to a PNG.")
  Path plot;

  @Option(names = "--save", paramLabel = "DIR",
      description = "Save the trained model as a checkpoint (use with 'predict --model DIR').")
  Path save;

  @Option(names = "--export", paramLabel = "DIR",
      description = "Export the trained model as a TensorFlow SavedModel (signature "
          + "serving_default, outputs output_0), for TensorFlow Serving or Python.")
  Path export;

  TrainCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Recipe recipe = RecipeNames.resolve(recipeName);
    RecipeConfig config = options.apply(recipe);
    if (export != null) {
      SavedModelExporter.checkTarget(export); // fail before training, not after
    }
    Reporter reporter = Reporter.to(io.out(), io.interactive());
    RecipeResult result = recipe.run(config, reporter);
    io.out().printf(Locale.ROOT, "%s: seed %d, %d epochs in %.2f s of training%s%n",
        recipe.name(), config.seed(), result.history().epochsRun(),
        result.history().trainSeconds(), formatMetrics(result.metrics()));
    if (plot != null) {
      TrainingCurves.writePng(result.history(), recipe.name() + " (seed " + config.seed() + ")",
          plot);
      io.out().println("wrote " + plot);
    }
    if (save != null) {
      TrainedRecipe.save(save, result);
      io.out().println("saved model to " + save);
    }
    if (export != null) {
      Model model = recipe.buildModel(config);
      SavedModelExporter.export(model, result.weights(), export);
      ParityFileWriter.write(export, recipe.name(), config.seed(), model, training(result));
      io.out().println("exported SavedModel (with parity.json) to " + export);
    }
    if (json) {
      io.out().println(Json.line(result.toJsonMap()));
    }
    io.out().flush();
  }

  private static ParityFile.Training training(RecipeResult result) {
    EpochLogs last = result.history().last();
    return new ParityFile.Training(
        last.get("loss").orElse(Double.NaN),
        last.get("val_loss").isPresent() ? last.get("val_loss").getAsDouble() : null,
        last.get("accuracy").isPresent() ? last.get("accuracy").getAsDouble() : null,
        result.history().epochsRun(),
        result.history().trainSeconds(),
        result.metrics().get(RecipeResult.TRAIN_ACCURACY),
        result.metrics().get(RecipeResult.TEST_ACCURACY),
        result.metrics().get(RecipeResult.EXACT_MATCH_ACCURACY),
        result.metrics().get(RecipeResult.RMSE));
  }

  private static String formatMetrics(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      sb.append(String.format(Locale.ROOT, ", %s %.4f", e.getKey(), e.getValue()));
    }
    return sb.toString();
  }
}
