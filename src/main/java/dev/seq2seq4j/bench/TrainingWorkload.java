package dev.seq2seq4j.bench;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.tutorials.Recipe;
import dev.seq2seq4j.tutorials.RecipeConfig;
import dev.seq2seq4j.tutorials.Recipes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One training workload: a recipe's model at one configuration (batch size, sequence length),
 * trained on data of its shapes.
 *
 * @param name the workload's name in reports, e.g. {@code addition-seq2seq/b10}
 * @param recipe the recipe that defines the model and its full training
 * @param config the recipe configuration (batch, samples, length, ...)
 */
public record TrainingWorkload(String name, String recipe, RecipeConfig config) {
  /**
   * The recipe Keras's own example {@code addition_rnn} will be ported as. Until a recipe of
   * this name exists, {@link #standard()} leaves it out; once it does, it is measured like the
   * others with its own defaults, on both sides, with no change here.
   */
  public static final String KERAS_ADDITION_RNN = "keras-addition-rnn";

  /**
   * The workloads the benchmark reports: Brownlee's adder at batch 10 (the tutorial's), 32 and
   * 128; Karakaya's return_sequences + return_state model at lengths 4 and 16; Keras's
   * addition_rnn once its recipe exists.
   *
   * @return the workloads, the headline (adder at batch 10) first
   */
  public static List<TrainingWorkload> standard() {
    List<TrainingWorkload> list = new ArrayList<>();
    Recipe adder = Recipes.byName("addition-seq2seq");
    for (int batch : new int[] {10, 32, 128}) {
      list.add(new TrainingWorkload("addition-seq2seq/b" + batch, adder.name(),
          adder.defaults().withBatch(batch)));
    }
    Recipe reverse = Recipes.byName("reverse-return-sequences-state");
    for (int length : new int[] {4, 16}) {
      list.add(new TrainingWorkload("reverse-return-sequences-state/len" + length,
          reverse.name(), reverse.defaults().withLength(length)));
    }
    if (Recipes.names().contains(KERAS_ADDITION_RNN)) {
      Recipe rnn = Recipes.byName(KERAS_ADDITION_RNN);
      list.add(new TrainingWorkload(KERAS_ADDITION_RNN, rnn.name(), rnn.defaults()));
    }
    return list;
  }

  /**
   * The recipe's model at this configuration, untrained.
   *
   * @return the model
   */
  public Model model() {
    return Recipes.byName(recipe).buildModel(config);
  }

  /**
   * Samples per step.
   *
   * @return the batch size
   */
  public int batch() {
    return config.batch();
  }

  /**
   * Optimizer steps in one epoch of the recipe's training set.
   *
   * @return {@code ceil(samples / batch)}
   */
  public int stepsPerEpoch() {
    return (config.samples() + config.batch() - 1) / config.batch();
  }

  /**
   * Training data of the model's shapes: every input and target row one-hot at random positions
   * along its last axis, as the tutorials' encodings are. Step times do not depend on the
   * values, so this serves every workload (and Keras gets the same shapes).
   *
   * @param model the workload's model
   * @param samples the number of rows
   * @param seed the generator seed
   * @return the data
   */
  public static Dataset oneHotData(Model model, int samples, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<FloatBlock> inputs = new ArrayList<>();
    for (SymbolicTensor in : model.inputs()) {
      inputs.add(oneHot(in.shape(), samples, r));
    }
    FloatBlock y = oneHot(model.outputs().get(0).shape(), samples, r);
    return Dataset.of(inputs, y);
  }

  private static FloatBlock oneHot(long[] rowShape, int rows, SplittableRandom r) {
    long[] shape = new long[rowShape.length + 1];
    shape[0] = rows;
    System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
    int depth = (int) rowShape[rowShape.length - 1];
    float[] data = new float[(int) Shapes.size(shape)];
    for (int i = 0; i < data.length / depth; i++) {
      data[i * depth + r.nextInt(depth)] = 1f;
    }
    return FloatBlock.wrap(data, shape);
  }
}
