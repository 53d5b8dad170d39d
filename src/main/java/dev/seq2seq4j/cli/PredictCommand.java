package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    description = "Run a trained model on your input, e.g. predict --model DIR \"3+10\" "
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

  @Parameters(arity = "0..*", paramLabel = "INPUT",
      description = "Questions in the recipe's notation: \"3+10\" for the addition recipes, "
          + "\"3 2 9 1\" for the reverse recipes; numbers for --savedmodel and --file.")
  List<String> inputs;

  @Option(names = "--input", paramLabel = "FILE",
      description = "Read the questions from FILE, one per line (blank lines are skipped), "
          + "or from standard input with '-': many answers for one start of the JVM.")
  String inputFile;

  @Option(names = "--json", description = "Answer each question with one line of JSON: "
      + "{\"input\": ..., \"answer\": ...}.")
  boolean json;

  private final InputStream stdin;

  PredictCommand(Io io) {
    this(io, System.in);
  }

  PredictCommand(Io io, InputStream stdin) {
    this.io = io;
    this.stdin = stdin;
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
    boolean given = inputs != null && !inputs.isEmpty();
    if (given == (inputFile != null)) {
      throw new UserInputException(given
          ? "give the questions as arguments or with --input FILE, not both"
          : "no question given: pass one or more as arguments, or --input FILE (- for stdin)");
    }
    try (Predictor predictor = openPredictor()) {
      if (given) {
        for (String input : inputs) {
          print(input, predictor.answer(input));
        }
      } else {
        answerEachLine(predictor);
      }
    }
    io.out().flush();
  }

  /** Answers the --input file or stdin line by line; a bad line stops with its number. */
  private void answerEachLine(Predictor predictor) {
    String name = inputFile.equals("-") ? "standard input" : inputFile;
    try (BufferedReader in = inputFile.equals("-")
        ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
        : Files.newBufferedReader(Path.of(inputFile), StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line; (line = in.readLine()) != null;) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String answer;
        try {
          answer = predictor.answer(line.strip());
        } catch (IllegalArgumentException | UserInputException e) {
          throw new UserInputException(name + " line " + lineNumber + ": " + e.getMessage());
        }
        print(line.strip(), answer);
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException("--input file not found: " + inputFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private void print(String input, String answer) {
    if (!json) {
      io.out().println(answer);
      return;
    }
    // Answers of --savedmodel and --file are JSON objects already; recipe answers are text.
    Object value = answer.startsWith("{") ? Json.tree(answer) : answer;
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("input", input);
    line.put("answer", value);
    io.out().println(Json.line(line));
  }
}
