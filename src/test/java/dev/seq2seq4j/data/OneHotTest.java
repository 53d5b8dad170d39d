package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OneHotTest {

  @Test
  void encodesOneBlockPerStep() {
    // Karakaya: 9 with 10 features is [0 0 0 0 0 0 0 0 0 1]
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
        OneHot.encode(new int[] {9}, 10));
    assertArrayEquals(new float[] {0, 1, 1, 0}, OneHot.encode(new int[] {1, 0}, 2));
  }

  @Test
  void argmaxFollowsNumpy() {
    // ties to the first index; NaN counts as the maximum and the first NaN wins
    assertEquals(1, OneHot.argmax(new float[] {0f, 2f, 2f}, 0, 3));
    assertEquals(2, OneHot.argmax(new float[] {5f, 1f, Float.NaN, Float.NaN}, 0, 4));
    assertEquals(0, OneHot.argmax(new float[] {-1f, -1f}, 0, 2));
    assertEquals(2, OneHot.argmax(new float[] {9f, 0f, 1f, 3f}, 1, 3));
    assertArrayEquals(new int[] {2, 0},
        OneHot.argmaxPerStep(new float[] {0, 0, 1, 1, 0, 0}, 0, 2, 3));
  }

  @Test
  void rejectsOutOfRangeIndicesAndRanges() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OneHot.encode(new int[] {0, 10}, 10));
    assertTrue(e.getMessage().contains("class index 10 at step 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0}, 0));
    assertTrue(e.getMessage().contains("depth must be >= 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OneHot.argmax(new float[3], 2, 2));
    assertTrue(e.getMessage().contains("outside an array of 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OneHot.encodeInto(new int[] {1, 1}, 3, new float[5], 0));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
  }
}
