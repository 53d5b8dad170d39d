package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

  /** Four samples: x row i is {i, -i}, y row i is {100 + i}. */
  private static Dataset dataset() {
    FloatBlock x = FloatBlock.of(new float[] {0, 0, 1, -1, 2, -2, 3, -3}, 4, 2);
    FloatBlock y = FloatBlock.of(new float[] {100, 101, 102, 103}, 4, 1);
    return Dataset.of(x, y);
  }

  @Test
  void keepsXAndYAligned() {
    Dataset d = dataset();
    assertEquals(4, d.size());
    Dataset g = d.gather(new int[] {3, 1});
    assertEquals(2, g.size());
    assertArrayEquals(new float[] {3, -3, 1, -1}, g.x().data());
    assertArrayEquals(new float[] {103, 101}, g.y().data());
    Dataset s = d.slice(1, 3);
    assertArrayEquals(new float[] {1, -1, 2, -2}, s.x().data());
    assertArrayEquals(new float[] {101, 102}, s.y().data());
    assertEquals("Dataset(x=[2, 2], y=[2, 1])", s.toString());
  }

  @Test
  void batchesCoverTheDataInOrder() {
    Dataset d = dataset();
    assertEquals(d.slice(0, 2).x().row(1)[0], d.x().row(1)[0]);
    assertEquals(dataset(), d.slice(0, 4));
  }

  @Test
  void rejectsMismatchedRowCounts() {
    FloatBlock x = FloatBlock.of(new float[6], 3, 2);
    FloatBlock y = FloatBlock.of(new float[2], 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(x, y));
    assertTrue(e.getMessage().contains("x has 3 rows but y has 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, null));
    assertTrue(e.getMessage().contains("must not be null"), e.getMessage());
  }

  @Test
  void rejectsBadBatches() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dataset().slice(3, 5));
    assertTrue(e.getMessage().contains("[0, 4)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> dataset().gather(new int[] {4}));
    assertTrue(e.getMessage().contains("row index 4"), e.getMessage());
  }

  @Test
  void keepsSeveralInputsAligned() {
    FloatBlock a = FloatBlock.of(new float[] {0, 1, 2}, 3, 1);
    FloatBlock b = FloatBlock.of(new float[] {10, 11, 12}, 3, 1);
    FloatBlock y = FloatBlock.of(new float[] {100, 101, 102}, 3, 1);
    Dataset d = Dataset.of(java.util.List.of(a, b), y);
    Dataset g = d.gather(new int[] {2, 0});
    assertArrayEquals(new float[] {2, 0}, g.inputs().get(0).data());
    assertArrayEquals(new float[] {12, 10}, g.inputs().get(1).data());
    assertArrayEquals(new float[] {102, 100}, g.y().data());
    assertEquals("Dataset(x0=[2, 1], x1=[2, 1], y=[2, 1])", g.toString());
    FloatBlock shortInput = FloatBlock.of(new float[] {1, 2}, 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(java.util.List.of(a, shortInput), y));
    assertTrue(e.getMessage().contains("input 1 has 2 rows"), e.getMessage());
  }
}
