package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code predict --model DIR "<input>"...}: answers questions with a trained model, one answer
 * per line.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Run a trained model on your input, e.g. predict --model DIR \"12+50\" "
        + "or predict --model DIR \"3 2 9 1\", or any SavedModel: predict --savedmodel DIR "
        + "\"0.1 0.2 ...\".")
final class PredictCommand implements Runnable {
  private final Io io;

  /** Where the model comes from: exactly one source option. */
  static final class Source {
    @Option(names = "--model", paramLabel = "DIR", required = true,
        description = "A checkpoint written by 'train --save DIR'.")
    Path checkpoint;

    @Option(names = "--savedmodel", paramLabel = "DIR", required = true,
        description = "Any TensorFlow SavedModel (Keras export, Java export, ...), run by its "
            + "signature: INPUT is one sample as numbers; prints the outputs as JSON.")
    Path savedModel;

    @Option(names = "--file", paramLabel = "FILE", required = true,
        description = "Any Keras model file (.keras, .h5, SavedModel folder), run through its "
            + "native rebuild: INPUT is one sample as numbers; prints the outputs as JSON.")
    Path file;
  }

  @Option(names = "--signature", paramLabel = "NAME",
      description = "The signature to run with --savedmodel (default: serving_default).")
  String signature;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "Questions in the recipe's notation: \"12+50\" for the addition recipes, "
          + "\"3 2 9 1\" for the reverse recipes.")
  List<String> inputs;

  PredictCommand(Io io) {
    this.io = io;
  }

  private Predictor openPredictor() {
    if (source.savedModel != null) {
      return SavedModelPredictor.open(source.savedModel,
          signature == null ? SavedModelRunner.DEFAULT_SIGNATURE : signature);
    }
    if (signature != null) {
      throw new UserInputException("--signature applies to --savedmodel only; --model and "
          + "--file run the model itself, which has no signatures");
    }
    if (source.file != null) {
      return NativeModelPredictor.open(source.file, Map.of());
    }
    return CheckpointPredictor.open(source.checkpoint);
  }

  @Override
  public void run() {
    try (Predictor predictor = openPredictor()) {
      for (String input : inputs) {
        io.out().println(predictor.answer(input));
      }
    }
    io.out().flush();
  }
}
