package dev.seq2seq4j.tutorials;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.renderer.AbstractRenderer;

/**
 * The series colors of every chart: ColorBrewer's Dark2 without its yellow and its pale green,
 * so that each line and bar stands out on the white background (JFreeChart's default cycle puts
 * yellow fourth: the val_accuracy line and the fourth sweep bar all but vanished).
 */
final class ChartPalette {
  /** Teal, orange, purple, magenta, brown: each at least 3:1 against white. */
  static final List<Color> COLORS = List.of(
      new Color(0x1B9E77), new Color(0xD95F02), new Color(0x7570B3), new Color(0xE7298A),
      new Color(0xA6761D));

  private ChartPalette() {}

  /**
   * The color of series {@code index}, cycling when there are more series than colors.
   *
   * @param index the series, from 0
   * @return its color
   */
  static Color color(int index) {
    return COLORS.get(index % COLORS.size());
  }

  /**
   * Paints a renderer's first {@code count} series, starting at palette entry {@code first}.
   *
   * @param renderer the renderer
   * @param first the palette entry of series 0
   * @param count how many series
   */
  static void paint(AbstractRenderer renderer, int first, int count) {
    for (int i = 0; i < count; i++) {
      renderer.setSeriesPaint(i, color(first + i));
    }
  }
}
