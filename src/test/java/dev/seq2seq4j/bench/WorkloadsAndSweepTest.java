package dev.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import dev.seq2seq4j.tutorials.Recipes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workloads, their data, a tiny timed training and a tiny sweep both ways. */
class WorkloadsAndSweepTest {
  @Test
  void standardWorkloadsAreTheIssuesAndKerasAdditionRnnJoinsOnceItExists() {
    List<String> names = TrainingWorkload.standard().stream().map(TrainingWorkload::name)
        .toList();
    assertEquals("addition-seq2seq/b10", names.get(0));
    assertTrue(names.containsAll(List.of("addition-seq2seq/b32", "addition-seq2seq/b128",
        "reverse-return-sequences-state/len4", "reverse-return-sequences-state/len16")));
    assertEquals(Recipes.names().contains(TrainingWorkload.KERAS_ADDITION_RNN),
        names.contains(TrainingWorkload.KERAS_ADDITION_RNN));
    assertEquals(100, TrainingWorkload.standard().get(0).stepsPerEpoch());
  }

  @Test
  void oneHotDataHasTheModelsShapes() {
    TrainingWorkload w = TrainingWorkload.standard().get(0);
    Model m = w.model();
    Dataset d = TrainingWorkload.oneHotData(m, 7, 2);
    assertArrayEquals(new long[] {7, 5, 12}, d.x().shape());
    assertArrayEquals(new long[] {7, 2, 12}, d.y().shape());
    float sum = 0;
    for (float v : d.x().data()) {
      sum += v;
    }
    assertEquals(7 * 5, sum);
  }

  @Test
  void msPerStepTimesEachKernel() {
    TrainingWorkload w = new TrainingWorkload("tiny", "reverse-return-sequences-state",
        Recipes.byName("reverse-return-sequences-state").defaults().withLength(2).withUnits(3)
            .withBatch(4));
    List<Samples> ms = TrainingBench.msPerStep(w, List.of(RnnKernel.UNROLLED, RnnKernel.FUSED),
        3, 1, 3, 1);
    assertEquals(2, ms.size());
    assertTrue(ms.get(0).median() > 0 && ms.get(1).median() > 0);
  }

  @Test
  void parallelSweepGivesTheSequentialResults() {
    SweepBench.Result r = SweepBench.run(List.of(1L), List.of(2), 1, 40, 2);
    assertEquals(5, r.runs()); // the four wirings and the attention model, one seed, one length
    assertTrue(r.identical());
    assertTrue(r.sequentialSeconds() > 0 && r.parallelSeconds() > 0);
  }
}
