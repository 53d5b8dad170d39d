package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatBlockTest {

  /** Rows 0..2 of shape [2, 2]: row i holds 10i .. 10i + 3. */
  private static FloatBlock block() {
    return FloatBlock.of(new float[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}, 3, 2, 2);
  }

  @Test
  void describesItsShape() {
    FloatBlock b = block();
    assertEquals(3, b.rows());
    assertEquals(3, b.rank());
    assertArrayEquals(new long[] {2, 2}, b.rowShape());
    assertEquals(4, b.rowSize());
    assertArrayEquals(new long[] {3, 2, 2}, b.shape());
    assertEquals(12f, b.get(1, 1, 0));
    assertEquals("FloatBlock[3, 2, 2]", b.toString());
  }

  @Test
  void rankOneBlocksHaveOneValuePerRow() {
    FloatBlock b = FloatBlock.of(new float[] {4, 5}, 2);
    assertEquals(1, b.rowSize());
    assertArrayEquals(new long[0], b.rowShape());
    assertArrayEquals(new float[] {5}, b.row(1));
  }

  @Test
  void copiesInputsAndShapes() {
    float[] data = {1, 2};
    long[] shape = {2, 1};
    FloatBlock b = FloatBlock.of(data, shape);
    data[0] = 99;
    shape[0] = 7;
    b.shape()[0] = 5;
    b.row(0)[0] = 42;
    assertEquals(1f, b.get(0, 0));
    assertArrayEquals(new long[] {2, 1}, b.shape());
  }

  @Test
  void rowSliceAndGatherCopyTheRightRows() {
    FloatBlock b = block();
    assertArrayEquals(new float[] {10, 11, 12, 13}, b.row(1));
    FloatBlock s = b.slice(1, 3);
    assertArrayEquals(new long[] {2, 2, 2}, s.shape());
    assertArrayEquals(new float[] {10, 11, 12, 13, 20, 21, 22, 23}, s.data());
    FloatBlock g = b.gather(new int[] {2, 0, 2});
    assertArrayEquals(new long[] {3, 2, 2}, g.shape());
    assertArrayEquals(new float[] {20, 21, 22, 23, 0, 1, 2, 3, 20, 21, 22, 23}, g.data());
  }

  @Test
  void reshapeKeepsValues() {
    FloatBlock b = FloatBlock.of(new float[] {1, 2, 3, 4}, 2, 2).reshape(2, 2, 1);
    assertArrayEquals(new long[] {2, 2, 1}, b.shape());
    assertEquals(3f, b.get(1, 0, 0));
  }

  @Test
  void equalityIsByShapeAndValues() {
    assertEquals(block(), block());
    assertEquals(block().hashCode(), block().hashCode());
    assertNotEquals(block(), block().reshape(3, 4));
    assertNotEquals(block(), block().gather(new int[] {1, 0, 2}));
  }

  @Test
  void rejectsInvalidShapesWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FloatBlock.of(new float[5], 2, 3));
    assertTrue(e.getMessage().contains("needs 6 values but data has 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FloatBlock.of(new float[0], -1, 3));
    assertTrue(e.getMessage().contains("dimension 0 of shape [-1, 3] must be >= 0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FloatBlock.of(new float[2]));
    assertTrue(e.getMessage().contains("shape [] needs 1 values but data has 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FloatBlock.of(new float[1], 1 << 20, 1 << 20));
    assertTrue(e.getMessage().contains("more elements than a Java array"), e.getMessage());
  }

  @Test
  void scalarsAndEmptyBlocksAreBlocksToo() {
    FloatBlock scalar = FloatBlock.of(new float[] {2.5f});
    assertEquals(0, scalar.rank());
    assertEquals(1, scalar.size());
    assertEquals(2.5f, scalar.get());
    assertThrows(IllegalStateException.class, scalar::rows);
    FloatBlock empty = FloatBlock.of(new float[0], 0, 3);
    assertEquals(0, empty.rows());
    assertEquals(3, empty.rowSize());
    assertArrayEquals(new long[] {3}, empty.rowShape());
  }

  @Test
  void rejectsOutOfRangeRowsWithClearMessages() {
    FloatBlock b = block();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.slice(2, 2));
    assertTrue(e.getMessage().contains("slice [2, 2)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.slice(0, 4));
    assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.gather(new int[] {0, 3}));
    assertTrue(e.getMessage().contains("row index 3 at position 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.gather(new int[0]));
    assertTrue(e.getMessage().contains("at least one row"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.row(-1));
    assertTrue(e.getMessage().contains("row -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.get(0, 0));
    assertTrue(e.getMessage().contains("rank 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.reshape(5, 2));
    assertTrue(e.getMessage().contains("needs 10 values but data has 12"), e.getMessage());
  }
}
