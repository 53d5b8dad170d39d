package dev.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics and the repetition machinery, on trivial work. */
class SamplesAndRepeatTest {
  @Test
  void orderStatistics() {
    Samples s = Samples.of(5, 1, 4, 2, 3);
    assertEquals(3, s.median());
    assertEquals(1, s.min());
    assertEquals(5, s.max());
    assertEquals(5, s.percentile(99));
    assertEquals(1, s.percentile(20));
    assertEquals(2.5, Samples.of(4, 1, 3, 2).median());
    assertEquals(6, s.times(2).median());
    assertThrows(IllegalArgumentException.class, () -> s.percentile(0));
    assertThrows(IllegalArgumentException.class, Samples::of);
  }

  @Test
  void interleavedRunsEveryVariantWarmupsPlusRepsTimesInRotatingOrder() {
    List<String> order = new ArrayList<>();
    List<Runnable> variants = List.of(() -> order.add("a"), () -> order.add("b"));
    List<Samples> s = Repeat.interleaved(1, 3, variants);
    assertEquals(2, s.size());
    assertEquals(3, s.get(0).count());
    assertEquals(List.of("a", "b", "a", "b", "b", "a", "a", "b"), order);
    assertThrows(IllegalArgumentException.class, () -> Repeat.interleaved(0, 0, variants));
  }

  @Test
  void eachCallTimesSingleCalls() {
    int[] calls = {0};
    Samples s = Repeat.eachCall(2, 10, () -> calls[0]++);
    assertEquals(10, s.count());
    assertEquals(12, calls[0]);
    assertTrue(s.min() >= 0);
  }

  @Test
  void reportKeepsFiniteNumbersRoundedAndFormatsForPeople() {
    BenchReport r = new BenchReport();
    r.put("a", 1.23456789);
    r.put("nan", Double.NaN);
    r.put("text", "x");
    assertEquals(1.235, (Double) r.values().get("a"), 0);
    assertTrue(!r.values().containsKey("nan"));
    assertTrue(Double.isNaN(r.number("nan")));
    assertEquals("1.235", BenchReport.fmt(1.23456));
    assertEquals("12.35", BenchReport.fmt(12.3456));
    assertEquals("1235", BenchReport.fmt(1234.56));
    assertEquals("-", BenchReport.fmt(Double.NaN));
  }
}
