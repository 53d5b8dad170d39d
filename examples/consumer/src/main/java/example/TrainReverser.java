package example;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.nio.file.Path;
import java.util.Map;

/** Trains Karakaya's reverser from Java, saves it for Python's Keras, and opens it again. */
public final class TrainReverser {
  public static void main(String[] args) {
    Model model = TutorialModels.reverseReturnSequencesState(4, 10, 16);
    Dataset train = ReversedSequenceProblem.DEFAULT.generate(2000, 1);
    Dataset test = ReversedSequenceProblem.DEFAULT.generate(200, 2);
    Path file = Path.of("target", "reverser.keras");
    FloatBlock trained;
    try (CompiledModel cm = CompiledModel.compile(model,
        CompileOptions.builder(Losses.categoricalCrossentropy()).seed(1)
            .optimizer("adam").metrics("accuracy").build())) {
      cm.fit(train, FitOptions.builder().epochs(30).batchSize(32).validation(test).build());
      Map<String, Double> result = cm.evaluate(test);
      System.out.println("test " + result);
      trained = cm.predict(test.x());
      KerasArchive.write(file, model, cm.weights());   // keras.models.load_model opens it
    }
    ImportedModel reopened = ImportedModel.open(file, Map.of());
    try (CompiledModel cm = CompiledModel.compile(reopened.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.setWeights(reopened.weights());
      FloatBlock again = cm.predict(test.x());
      System.out.println("reopened " + file + ": same outputs " + again.equals(trained));
    }
  }
}
