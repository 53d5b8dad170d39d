package dev.seq2seq4j.bench;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.RecipeResult;
import dev.seq2seq4j.tutorials.Recipes;
import dev.seq2seq4j.tutorials.Reporter;
import java.util.ArrayList;
import java.util.List;

/**
 * Training speed: milliseconds per optimizer step (one {@code fit} epoch at a time, the loop
 * users run) and seconds per full recipe (the recipe exactly as {@code seq2seq4j train} runs
 * it).
 */
public final class TrainingBench {
  private TrainingBench() {}

  /**
   * Milliseconds per step of each kernel variant, interleaved epoch by epoch.
   *
   * @param workload the model, batch size and recipe
   * @param kernels the variants, e.g. unrolled and fused
   * @param steps steps per timed epoch
   * @param warmups uncounted epochs of each variant
   * @param reps counted epochs of each variant
   * @param intraOpThreads TensorFlow's intra-op threads (effective only in the process's first
   *     session, which sizes TensorFlow's pool)
   * @return milliseconds per step, one {@link Samples} per kernel
   */
  public static List<Samples> msPerStep(TrainingWorkload workload, List<RnnKernel> kernels,
      int steps, int warmups, int reps, int intraOpThreads) {
    Recipe recipe = Recipes.byName(workload.recipe());
    List<CompiledModel> models = new ArrayList<>();
    try {
      List<Runnable> variants = new ArrayList<>();
      for (RnnKernel kernel : kernels) {
        Model model = workload.model();
        CompiledModel cm = CompiledModel.compile(model,
            CompileOptions.builder(recipe.loss()).seed(1).rnnKernel(kernel)
                .threads(intraOpThreads, 0).build());
        models.add(cm);
        Dataset data = TrainingWorkload.oneHotData(model, steps * workload.batch(), 7);
        FitOptions epoch = FitOptions.builder().epochs(1).batchSize(workload.batch())
            .shuffleSeed(1).build();
        variants.add(() -> cm.fit(data, epoch));
      }
      List<Samples> seconds = Repeat.interleaved(warmups, reps, variants);
      List<Samples> ms = new ArrayList<>();
      for (Samples s : seconds) {
        ms.add(s.times(1000.0 / steps));
      }
      return ms;
    } finally {
      models.forEach(CompiledModel::close);
    }
  }

  /** The seconds of whole recipe runs and what they ran. */
  public record FullRun(Samples seconds, int epochsRun, long steps) {}

  /**
   * Trains the workload's recipe {@code reps} times as the command line does (the tutorial's
   * data, epochs and callbacks; training time only, evaluation excluded).
   *
   * @param workload the recipe and configuration
   * @param reps how many runs, at least 1
   * @return the training seconds of each run, and the epochs and steps of the last
   */
  public static FullRun fullRecipe(TrainingWorkload workload, int reps) {
    Recipe recipe = Recipes.byName(workload.recipe());
    double[] seconds = new double[reps];
    History last = null;
    for (int r = 0; r < reps; r++) {
      RecipeResult result = recipe.run(workload.config(), Reporter.quiet());
      last = result.history();
      seconds[r] = last.trainSeconds();
    }
    return new FullRun(Samples.of(seconds), last.epochsRun(), last.steps());
  }
}
