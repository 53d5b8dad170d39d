package dev.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Sequential;
import dev.seq2seq4j.nn.rnn.LSTM;
import dev.seq2seq4j.train.optim.OptimizerSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The optimizer's update is timed alone, and only after a trace shows it updates every weight. */
class OptimizerUpdateCostTest {
  private static Model lstm() {
    return Sequential.builder("m").input(3, 4).add(LSTM.builder(5).build())
        .add(Dense.of(2, "softmax")).build();
  }

  @Test
  void theParametersReportedBesideTheUpdateAreTheTrainableWeightsSizes() {
    // LSTM: kernel 4x20, recurrent kernel 5x20, bias 20; Dense: 5x2 + 2.
    assertEquals(4 * 20 + 5 * 20 + 20 + 5 * 2 + 2, lstm().trainableParameterCount());
  }

  @Test
  void everyWeightsUpdateRunsAndIsTimed() {
    for (OptimizerSpec spec : new OptimizerSpec[] {OptimizerSpec.adam(), OptimizerSpec.sgd(),
        OptimizerSpec.rmsprop()}) {
      Samples s = OptimizerUpdateCost.secondsPerStep(lstm(), spec, 3, 1, 2);
      assertEquals(2, s.count(), spec.name());
      assertTrue(s.median() > 0 && s.median() < 1, spec.name() + ": " + s.median());
    }
  }

  @Test
  void theTraceShowsWhichVariablesWereWritten() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> read = tf.withName("read").variable(tf.constant(new float[] {1, 2}));
      Variable<TFloat32> written = tf.withName("written").variable(tf.constant(new float[] {3}));
      Op step = tf.withControlDependencies(List.of(tf.assignAdd(written, tf.constant(new float[]
          {1})), tf.identity(read))).noOp();
      try (Session s = new Session(g, MatMulFloor.sessionConfig())) {
        s.initialize();
        assertEquals(Set.of("written"),
            OptimizerUpdateCost.writtenVariables(Traces.traceOnce(s, step)));
      }
    }
  }

  @Test
  void traceLabelsAreParsed() {
    Traces.Call c = Traces.call("Adam_53 = ApplyAdam(lstm/cell/kernel, m, v)");
    assertEquals("ApplyAdam", c.type());
    assertEquals(List.of("lstm/cell/kernel", "m", "v"), c.inputs());
    assertEquals(List.of(), Traces.call("_SOURCE = NoOp()").inputs());
    assertNull(Traces.call("no label"));
  }

  @Test
  void aModelWithoutWeightsIsRefused() {
    Model none = Sequential.builder("none").input(3).add(new dev.seq2seq4j.nn.Flatten()).build();
    assertThrows(IllegalArgumentException.class,
        () -> OptimizerUpdateCost.secondsPerStep(none, OptimizerSpec.adam(), 1, 0, 1));
  }
}
