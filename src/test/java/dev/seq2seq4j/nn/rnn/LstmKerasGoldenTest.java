package dev.seq2seq4j.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.testing.ForwardRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests: the expected values are Keras's own, from {@code
 * keras/src/layers/rnn/lstm_test.py} ({@code test_correctness} and {@code
 * test_pass_initial_state}), with constant initializers kernel 0.01, recurrent 0.02, bias 0.03.
 */
class LstmKerasGoldenTest {
  private static final double TOL = 1e-5;

  private static LSTM.Builder constantLstm(int units) {
    return LSTM.builder(units)
        .kernelInitializer(Initializers.constant(0.01f))
        .recurrentInitializer(Initializers.constant(0.02f))
        .biasInitializer(Initializers.constant(0.03f));
  }

  private static float[] lastOutputs(LSTM lstm) {
    SymbolicTensor x = InputLayer.input("x", 6, 4);
    Model m = Model.functional("m", List.of(x), List.of(lstm.apply(x)));
    FloatBlock out = ForwardRunner.run(m, 0, ForwardRunner.arange(3, 6, 4)).get(0);
    assertArrayEquals(new long[] {3, 3}, out.shape());
    return out.data();
  }

  private static void assertRowsEqual(double[] perRow, float[] actual, int units) {
    for (int r = 0; r < perRow.length; r++) {
      for (int u = 0; u < units; u++) {
        assertEquals(perRow[r], actual[r * units + u], TOL + TOL * Math.abs(perRow[r]), "row " + r);
      }
    }
  }

  @Test
  void defaultLstmMatchesKeras() {
    assertRowsEqual(
        new double[] {0.6288687, 0.86899155, 0.9460773}, lastOutputs(constantLstm(3).build()), 3);
  }

  @Test
  void goBackwardsMatchesKeras() {
    assertRowsEqual(
        new double[] {0.35622165, 0.74789524, 0.8872726},
        lastOutputs(constantLstm(3).goBackwards(true).build()),
        3);
  }

  @Test
  void withoutUnitForgetBiasMatchesKeras() {
    assertRowsEqual(
        new double[] {0.57019705, 0.8661914, 0.9459622},
        lastOutputs(constantLstm(3).unitForgetBias(false).build()),
        3);
  }

  @Test
  void withoutBiasMatchesKeras() {
    assertRowsEqual(
        new double[] {0.54986924, 0.86226785, 0.9443936},
        lastOutputs(constantLstm(3).useBias(false).build()),
        3);
  }

  private static float[] withInitialState(LSTM lstm) {
    SymbolicTensor x = InputLayer.input("x", 4, 3);
    SymbolicTensor h = InputLayer.input("h", 2);
    SymbolicTensor c = InputLayer.input("c", 2);
    Model m = Model.functional("m", List.of(x, h, c), List.of(lstm.apply(x, h, c)));
    FloatBlock state = ForwardRunner.arange(2, 2);
    return ForwardRunner.run(m, 0, ForwardRunner.arange(2, 4, 3), state, state).get(0).data();
  }

  @Test
  void initialStateMatchesKeras() {
    float[] out = withInitialState(constantLstm(2).build());
    assertArrayEquals(new float[] {0.20574439f, 0.3558822f, 0.64930826f, 0.66276f}, out, 1e-5f);
  }

  @Test
  void initialStateGoingBackwardsMatchesKeras() {
    float[] out = withInitialState(constantLstm(2).goBackwards(true).build());
    assertArrayEquals(new float[] {0.13281618f, 0.2790356f, 0.5839337f, 0.5992567f}, out, 1e-5f);
  }

  @Test
  void returnStateGivesLastHiddenTwiceAndCell() {
    LSTM lstm = constantLstm(3).returnSequences(true).returnState(true).build();
    SymbolicTensor x = InputLayer.input("x", 6, 4);
    Model m = Model.functional("m", List.of(x), lstm.applyAll(x));
    List<FloatBlock> out = ForwardRunner.run(m, 0, ForwardRunner.arange(3, 6, 4));
    assertArrayEquals(new long[] {3, 6, 3}, out.get(0).shape());
    // The last step of the sequence is the returned h, which is Keras's golden last output.
    for (int r = 0; r < 3; r++) {
      for (int u = 0; u < 3; u++) {
        assertEquals(out.get(0).get(r, 5, u), out.get(1).get(r, u), 0f);
      }
    }
    assertRowsEqual(new double[] {0.6288687, 0.86899155, 0.9460773}, out.get(1).data(), 3);
    assertArrayEquals(new long[] {3, 3}, out.get(2).shape());
  }
}
