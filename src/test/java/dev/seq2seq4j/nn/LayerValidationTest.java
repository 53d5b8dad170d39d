package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.nn.rnn.LSTM;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad configurations and wiring are refused in Java, with messages naming the problem. */
class LayerValidationTest {
  private static void assertMessage(Executable e, String... fragments) {
    Throwable t = assertThrows(RuntimeException.class, e);
    for (String f : fragments) {
      assertTrue(t.getMessage().contains(f), "'" + t.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void lstmNeedsASequence() {
    SymbolicTensor x = InputLayer.input("x", 10);
    assertMessage(() -> LSTM.builder(4).build().apply(x), "LSTM", "(None, 10)");
  }

  @Test
  void initialStateMustMatchUnits() {
    SymbolicTensor x = InputLayer.input("x", 3, 2);
    SymbolicTensor h = InputLayer.input("h", 5);
    assertMessage(
        () -> LSTM.builder(4).build().apply(x, h, h), "initial state h", "(None, 4)", "(None, 5)");
  }

  @Test
  void repeatVectorNeedsAVector() {
    SymbolicTensor x = InputLayer.input("x", 3, 2);
    assertMessage(() -> new RepeatVector(2).apply(x), "RepeatVector", "(None, 3, 2)");
  }

  @Test
  void badSizesAreRefused() {
    assertMessage(() -> LSTM.builder(0).build(), "units must be >= 1");
    assertMessage(() -> Dense.builder(0).build(), "units must be >= 1");
    assertMessage(() -> new RepeatVector(0), "n must be >= 1");
    assertMessage(() -> InputLayer.input("x", 0, 3), "positive");
    assertMessage(() -> new Reshape(3, 4).apply(InputLayer.input("x", 5)), "sizes differ");
  }

  @Test
  void unknownActivationListsSupported() {
    assertMessage(() -> Dense.builder(3).activation("swoosh"), "swoosh", "softmax");
  }

  @Test
  void multiOutputLayerNeedsApplyAll() {
    SymbolicTensor x = InputLayer.input("x", 3, 2);
    assertMessage(() -> LSTM.builder(4).returnState(true).build().apply(x), "applyAll");
  }

  @Test
  void sharedLayerMustKeepWeightShapes() {
    LSTM shared = LSTM.builder(4).build();
    shared.apply(InputLayer.input("a", 3, 2));
    assertMessage(() -> shared.apply(InputLayer.input("b", 3, 7)), "already built");
  }

  @Test
  void duplicateNamesAndMissingInputsAreRefused() {
    SymbolicTensor x = InputLayer.input("x", 3, 2);
    SymbolicTensor y = Dense.builder(2).name("same").build().apply(x);
    SymbolicTensor z = Dense.builder(2).name("same").build().apply(y);
    assertMessage(() -> Model.functional("m", List.of(x), List.of(z)), "two layers are named 'same'");
    SymbolicTensor other = InputLayer.input("other", 3, 2);
    SymbolicTensor w = Dense.builder(2).build().apply(other);
    assertMessage(() -> Model.functional("m", List.of(x), List.of(w)), "input 'other'");
  }
}
