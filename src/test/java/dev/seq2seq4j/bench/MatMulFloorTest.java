package dev.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Sequential;
import dev.seq2seq4j.train.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor finds a step's products by tracing it, and times them. Tiny sizes only. */
class MatMulFloorTest {
  @Test
  void transpositionIsReadFromTheShapes() {
    assertEquals(new MatMulFloor.Product(3, 4, 5, false, false),
        MatMulFloor.match(new long[] {3, 4}, new long[] {4, 5}, new long[] {3, 5}));
    assertEquals(new MatMulFloor.Product(4, 3, 5, true, false),
        MatMulFloor.match(new long[] {3, 4}, new long[] {3, 5}, new long[] {4, 5}));
    assertEquals(new MatMulFloor.Product(3, 5, 4, false, true),
        MatMulFloor.match(new long[] {3, 5}, new long[] {4, 5}, new long[] {3, 4}));
    assertNull(MatMulFloor.match(new long[] {3, 4}, new long[] {5, 6}, new long[] {3, 6}));
    assertEquals(120, new MatMulFloor.Product(3, 4, 5, false, false).flops());
  }

  @Test
  void aStepOfTwoDenseLayersHasFiveProducts() {
    // Forward x.W1, h.W2; backward dW2 = h^T.dz, dh = dz.W2^T, dW1 = x^T.dh (no gradient for x).
    Model m = Sequential.builder("mlp").input(3).add(Dense.builder(4).build())
        .add(Dense.of(2, "softmax")).build();
    Dataset batch = TrainingWorkload.oneHotData(m, 6, 1);
    List<MatMulFloor.Product> products =
        MatMulFloor.stepProducts(m, Losses.categoricalCrossentropy(), batch);
    assertEquals(5, products.size(), products.toString());
    assertEquals(2 * (6 * 3 * 4 + 6 * 4 * 2 + 4 * 6 * 2 + 6 * 2 * 4 + 3 * 6 * 4),
        MatMulFloor.flops(products));
    Samples s = MatMulFloor.secondsPerStep(products, 5, 1, 3);
    assertEquals(3, s.count());
    assertTrue(s.median() > 0);
  }

  @Test
  void theLoopIsCheckedToRunEveryProduct() {
    // With a training step's settings Grappler turns the unread products into NoOps; the check
    // must see that, or a floor of empty session runs would pass for the machine's speed.
    List<MatMulFloor.Product> products = List.of(new MatMulFloor.Product(8, 16, 32, false, false),
        new MatMulFloor.Product(8, 32, 16, false, true));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MatMulFloor.secondsPerStep(products, 2, 0, 1, MatMulFloor.sessionConfig()));
    assertTrue(e.getMessage().contains("ran 0 of its 2"), e.getMessage());
    assertEquals(1, MatMulFloor.secondsPerStep(products, 2, 0, 1).count());
  }
}
