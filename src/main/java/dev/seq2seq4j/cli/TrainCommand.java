package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityFileWriter;
import dev.seq2seq4j.interop.savedmodel.SavedModelExporter;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.keras.LegacyH5;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.TrainingDivergedException;
import dev.seq2seq4j.train.state.SavedWeights;
import dev.seq2seq4j.train.state.TrainingState;
import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.RecipeConfig;
import dev.seq2seq4j.tutorials.RecipeResult;
import dev.seq2seq4j.tutorials.Reporter;
import dev.seq2seq4j.tutorials.TrainedRecipe;
import dev.seq2seq4j.tutorials.TrainingCurves;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
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

  @Option(names = "--keras", paramLabel = "FILE.keras",
      description = "Write the trained model as a Keras 3 .keras archive (keras.models.load_model "
          + "opens it), with FILE.parity.json of probes and the outputs Java computes.")
  Path kerasFile;

  @Option(names = "--h5", paramLabel = "FILE.h5",
      description = "Write the trained model as a legacy Keras .h5 file, with FILE.parity.json.")
  Path h5File;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Write the training state every N epochs and after the last one into "
          + "--checkpoint-dir (or the --resume folder); a complete state always exists, even "
          + "if the run is killed.")
  Integer checkpointEvery;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where --checkpoint-every writes the training state (default interval: "
          + "every epoch).")
  Path checkpointDir;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue from the training state in DIR, with the same recipe and flags "
          + "(only --epochs may differ); ends with the same weights and metrics as an "
          + "uninterrupted run.")
  Path resume;

  TrainCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Recipe recipe = RecipeNames.resolve(recipeName);
    RecipeConfig config = options.apply(recipe);
    checkOutputs(); // fail before training, not after
    UnaryOperator<FitOptions.Builder> fitSetup = trainingStates(recipe, config);
    Reporter reporter = Reporter.to(io.out(), io.interactive());
    RecipeResult result;
    try {
      result = recipe.run(config, reporter, fitSetup);
    } catch (TrainingDivergedException e) {
      throw new UserInputException(e.getMessage());
    }
    io.out().printf(Locale.ROOT, "%s: seed %d, %d epochs in %.2f s of training%s%n",
        recipe.name(), config.seed(), result.history().epochsRun(),
        result.history().trainSeconds(), formatMetrics(result.metrics()));
    writeModel(recipe, config, result);
    // The chart comes last: if it cannot be drawn, the trained model is already safe.
    if (plot != null) {
      TrainingCurves.writePng(result.history(), recipe.name() + " (seed " + config.seed() + ")",
          plot);
      io.out().println("wrote " + plot);
    }
    if (json) {
      io.out().println(Json.line(result.toJsonMap()));
    }
    io.out().flush();
  }

  /** Every output path, checked before training: named, writable, and not in each other's way. */
  private void checkOutputs() {
    OutputPaths.file("--plot", plot, ".png");
    OutputPaths.folder("--save", save);
    OutputPaths.folder("--export", export);
    OutputPaths.file("--keras", kerasFile, ".keras");
    OutputPaths.file("--h5", h5File, ".h5");
    OutputPaths.folder("--checkpoint-dir", checkpointDir);
    if (save != null) {
      SavedWeights.checkTarget(save);
    }
    if (export != null) {
      SavedModelExporter.checkTarget(export, exportMayHold());
    }
    Path states = checkpointDir != null ? checkpointDir : resume;
    for (Path other : new Path[] {save, export}) {
      if (states != null && other != null && samePath(states, other)) {
        throw new UserInputException("the training state and the model cannot share the "
            + "folder " + other + "; give --checkpoint-dir another one");
      }
    }
  }

  /** With {@code --save D --export D}, the export goes in beside the weights just saved. */
  private Set<String> exportMayHold() {
    return save != null && samePath(save, export) ? SavedWeights.fileNames() : Set.of();
  }

  private static boolean samePath(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** Writes the trained model wherever --save, --export, --keras and --h5 ask. */
  private void writeModel(Recipe recipe, RecipeConfig config, RecipeResult result) {
    if (save != null) {
      TrainedRecipe.save(save, result);
      io.out().println("saved model to " + save);
    }
    if (export != null) {
      Model model = recipe.buildModel(config);
      SavedModelExporter.export(model, result.weights(), export, exportMayHold(),
          dir -> ParityFileWriter.write(dir, recipe.name(), config.seed(), model,
              training(result)));
      io.out().println("exported SavedModel (with parity.json) to " + export);
    }
    for (Path file : new Path[] {kerasFile, h5File}) {
      if (file == null) {
        continue;
      }
      Model model = recipe.buildModel(config);
      if (file == kerasFile) {
        KerasArchive.write(file, model, result.weights());
      } else {
        LegacyH5.write(file, model, result.weights());
      }
      Path reference = ParityFileWriter.writeForFile(file, recipe.name(), config.seed(), model,
          result.weights(), training(result));
      io.out().println("wrote " + file + " (with " + reference.getFileName() + ")");
    }
  }

  /** The fit's training-state options from --checkpoint-every, --checkpoint-dir and --resume. */
  private UnaryOperator<FitOptions.Builder> trainingStates(Recipe recipe, RecipeConfig config) {
    if (checkpointEvery != null && checkpointEvery < 1) {
      throw new UserInputException("--checkpoint-every must be >= 1, got " + checkpointEvery);
    }
    Path dir = checkpointDir != null ? checkpointDir : checkpointEvery != null ? resume : null;
    if (checkpointEvery != null && dir == null) {
      throw new UserInputException(
          "--checkpoint-every needs --checkpoint-dir DIR (or --resume DIR)");
    }
    TrainingState state = resume == null ? null : TrainedRecipe.loadState(resume, recipe, config);
    if (dir != null) {
      TrainingState.checkTarget(dir); // fail before training, not after the first epoch
    }
    int every = checkpointEvery == null ? 1 : checkpointEvery;
    return fit -> {
      if (state != null) {
        fit.resumeFrom(state);
      }
      if (dir != null) {
        fit.checkpointEvery(every, TrainedRecipe.stateWriter(dir, recipe, config));
      }
      return fit;
    };
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
