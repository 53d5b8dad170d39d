package dev.seq2seq4j.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.keras.LegacyH5;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.LSTM;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.EarlyStopping;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Losses;
import dev.seq2seq4j.train.ProgressLogger;
import dev.seq2seq4j.train.state.SavedWeights;
import dev.seq2seq4j.train.state.TrainingState;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets, verbatim, compiled and run: a test below fails if a {@code java}
 * block of the README is not in this file or in the example project ({@code examples/consumer}),
 * so the README cannot drift from code that works. The snippets use paths relative to the
 * working directory, as a user's program would (Maven runs tests in the project root); each test
 * deletes what its snippet wrote.
 */
class ReadmeSnippetsTest {
  @Test
  void buildTrainSave() throws IOException {
    Dataset train = ReversedSequenceProblem.DEFAULT.generate(256, 1);
    Dataset test = ReversedSequenceProblem.DEFAULT.generate(64, 2);
    // README:begin
    Model model = TutorialModels.reverseReturnSequencesState(4, 10, 16);   // or build your own:
    SymbolicTensor x = InputLayer.input("input", 4, 10);
    List<SymbolicTensor> enc = LSTM.builder(16).returnSequences(true).returnState(true).build().applyAll(x);
    SymbolicTensor dec = LSTM.builder(16).returnSequences(true).build().apply(enc.get(0), enc.get(1), enc.get(2));
    SymbolicTensor y = new TimeDistributed(Dense.of(10, "softmax")).apply(dec);
    Model mine = Model.functional("reverser", List.of(x), List.of(y));
    System.out.println(mine.summary());

    try (CompiledModel cm = CompiledModel.compile(mine,
            CompileOptions.builder(Losses.categoricalCrossentropy()).seed(1)
                .optimizer("adam").metrics("accuracy").build())) {   // Keras's names and defaults
      History h = cm.fit(train, FitOptions.builder().epochs(100).batchSize(32)
          .validation(test).listener(new EarlyStopping("val_loss", 5, false))
          .listener(ProgressLogger.forConsole())
          .checkpointEvery(5, state -> state.save(Path.of("reverser-state"))).build());
      Map<String, Double> result = cm.evaluate(test);          // loss, accuracy
      SavedWeights.save(Path.of("reverser"), cm.weights(), Map.of("note", "length 4"));
      KerasArchive.write(Path.of("reverser.keras"), mine, cm.weights());   // for Python's Keras
    }
    // README:end
    assertTrue(model.summary().contains("Total params"));
    try {
      // The training state is written every 5 epochs: EarlyStopping let at least 5 run.
      TrainingState state = TrainingState.load(Path.of("reverser-state"));
      assertTrue(state.epochsCompleted() >= 5, "state after " + state.epochsCompleted());
      assertTrue(state.history().get(0).get("val_accuracy").isPresent(), "accuracy metric");
      assertEquals(mine.weights().keySet(), SavedWeights.load(Path.of("reverser")).weights()
          .names());
      assertEquals(mine.weights().keySet(),
          ImportedModel.open(Path.of("reverser.keras"), Map.of()).weights().names());
    } finally {
      cleanUp("reverser-state", "reverser", "reverser.keras");
    }
  }

  @Test
  void openAKerasFileAndTrainIt() throws IOException {
    AdditionProblem problem = AdditionProblem.TUTORIAL;
    PythonRandom random = new PythonRandom(1);
    Path root = Fixtures.projectRoot();
    // README:begin
    ImportedModel imported = ImportedModel.open(Path.of("saved-models/addition-seq2seq/addition-seq2seq.keras"), Map.of());
    try (CompiledModel cm = CompiledModel.compile(imported.model(),
            CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.setWeights(imported.weights());                      // Python's weights
      cm.fit(epoch -> problem.generate(1000, random), FitOptions.builder().epochs(3).batchSize(10).build());
      LegacyH5.write(Path.of("finetuned.h5"), imported.model(), cm.weights());
    }
    // README:end
    assertTrue(Files.isRegularFile(Path.of("finetuned.h5")));
    assertEquals(imported.weights().names(),
        ImportedModel.open(Path.of("finetuned.h5"), Map.of()).weights().names());
    cleanUp("finetuned.h5");
    assertTrue(Files.isDirectory(root.resolve("saved-models")));
  }

  /** Every java block of the README is in this file or in the example project, verbatim. */
  @Test
  void everyReadmeJavaBlockIsHereOrInTheExample() throws IOException {
    Path root = Fixtures.projectRoot();
    String here = normalized(Files.readString(root.resolve(
        "src/test/java/dev/seq2seq4j/readme/ReadmeSnippetsTest.java")));
    String example = normalized(Files.readString(root.resolve(
        "examples/consumer/src/main/java/example/TrainReverser.java")));
    List<String> blocks = javaBlocks(Files.readString(root.resolve("README.md")));
    assertTrue(blocks.size() >= 3, blocks.size() + " java blocks");
    for (String block : blocks) {
      String b = normalized(block);
      if (!here.contains(b) && !example.contains(b)) {
        fail("this README java block is in neither ReadmeSnippetsTest nor the example:\n"
            + block);
      }
    }
  }

  private static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = markdown.indexOf("```java\n", at)) >= 0) {
      int end = markdown.indexOf("\n```", at + 8);
      blocks.add(markdown.substring(at + 8, end));
      at = end + 4;
    }
    return blocks;
  }

  /** Lines stripped of indentation and blank lines dropped, so nesting depth does not matter. */
  private static String normalized(String code) {
    StringBuilder sb = new StringBuilder();
    code.lines().map(String::strip).filter(l -> !l.isEmpty())
        .forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  private static void cleanUp(String... names) throws IOException {
    for (String name : names) {
      Path p = Path.of(name);
      if (Files.isDirectory(p)) {
        try (var walk = Files.walk(p)) {
          for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
      } else {
        Files.deleteIfExists(p);
      }
    }
  }
}
