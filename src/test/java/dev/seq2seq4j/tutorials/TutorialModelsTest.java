package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts of every tutorial model. Expected values are Keras's, as printed in the
 * tutorials' own summaries (Karakaya) or from Keras's formulas: LSTM = 4 * u * (in + u + 1), Dense
 * = units * (in + 1).
 */
class TutorialModelsTest {
  private static List<Long> perLayer(Model m) {
    List<Long> counts = new ArrayList<>();
    for (Node n : m.nodes()) {
      counts.add(n.layer().parameterCount());
    }
    return counts;
  }

  @Test
  void additionSeq2seqMatchesKeras() {
    Model m = TutorialModels.byName("addition-seq2seq");
    assertEquals(List.of(45200L, 0L, 30200L, 612L), perLayer(m));
    assertEquals(76012L, m.parameterCount());
  }

  @Test
  void additionMappingModelsMatchKeras() {
    assertEquals(List.of(12L, 10L, 3L), perLayer(TutorialModels.byName("addition-mlp")));
    assertEquals(List.of(480L, 11L), perLayer(TutorialModels.byName("addition-lstm")));
  }

  @Test
  void karakayaModelsMatchTheTutorialSummaries() {
    assertEquals(List.of(1728L, 0L, 170L), perLayer(TutorialModels.byName("reverse-lstm-default")));
    assertEquals(1898L, TutorialModels.byName("reverse-lstm-default").parameterCount());
    assertEquals(
        List.of(1728L, 0L, 2112L, 0L, 170L), perLayer(TutorialModels.byName("reverse-lstm-stacked")));
    assertEquals(
        List.of(1728L, 2112L, 170L), perLayer(TutorialModels.byName("reverse-return-sequences")));
    assertEquals(
        List.of(1728L, 0L, 2112L, 170L), perLayer(TutorialModels.byName("reverse-return-state")));
    assertEquals(
        List.of(1728L, 2112L, 170L),
        perLayer(TutorialModels.byName("reverse-return-sequences-state")));
    for (String name :
        List.of(
            "reverse-lstm-stacked",
            "reverse-return-sequences",
            "reverse-return-state",
            "reverse-return-sequences-state")) {
      assertEquals(4010L, TutorialModels.byName(name).parameterCount(), name);
    }
  }

  @Test
  void reverseMlpCountsFollowDenseFormula() {
    // Flatten 40 -> Dense(64): 64*41; Dense(40): 40*65; Reshape; Dense(10) on 10: 10*11.
    assertEquals(
        List.of(0L, 2624L, 2600L, 0L, 110L), perLayer(TutorialModels.byName("reverse-mlp")));
  }

  @Test
  void weightsHaveKerasNamesAndShapes() {
    Model m = TutorialModels.byName("reverse-return-state");
    assertEquals(
        List.of(
            "lstm/cell/kernel",
            "lstm/cell/recurrent_kernel",
            "lstm/cell/bias",
            "lstm_1/cell/kernel",
            "lstm_1/cell/recurrent_kernel",
            "lstm_1/cell/bias",
            "time_distributed/layer/kernel",
            "time_distributed/layer/bias"),
        new ArrayList<>(m.weights().keySet()));
    assertEquals(List.of(10L, 64L), boxed(m.weights().get("lstm/cell/kernel").shape()));
    assertEquals(List.of(16L, 64L), boxed(m.weights().get("lstm_1/cell/recurrent_kernel").shape()));
  }

  @Test
  void summaryLooksLikeKeras() {
    String s = TutorialModels.byName("reverse-lstm-default").summary();
    assertTrue(s.contains("Model: \"model_Single_LSTM_default_output\""), s);
    assertTrue(s.matches("(?s).*lstm \\(LSTM\\)\\s+\\(None, 16\\)\\s+1728\n.*"), s);
    assertTrue(s.matches("(?s).*repeat_vector \\(RepeatVector\\)\\s+\\(None, 4, 16\\)\\s+0\n.*"), s);
    assertTrue(s.matches("(?s).*dense \\(Dense\\)\\s+\\(None, 4, 10\\)\\s+170\n.*"), s);
    assertTrue(s.contains("Total params: 1,898"), s);
    String f = TutorialModels.byName("reverse-return-sequences-state").summary();
    assertTrue(f.contains("input (InputLayer)"), f);
    assertTrue(f.contains("[(None, 4, 16), (None, 16), (None, 16)]"), f);
    assertTrue(f.contains("lstm[0][0], lstm[0][1], lstm[0][2]"), f);
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TutorialModels.byName("nope"));
    assertTrue(e.getMessage().contains("addition-seq2seq"), e.getMessage());
  }

  private static List<Long> boxed(long[] a) {
    List<Long> l = new ArrayList<>();
    for (long v : a) {
      l.add(v);
    }
    return l;
  }
}
