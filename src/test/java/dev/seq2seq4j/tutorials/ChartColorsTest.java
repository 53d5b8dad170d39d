package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.train.History;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * Every series the charts draw is readable on their white background: a contrast ratio of at
 * least 3:1 against white, WCAG 2's threshold for graphics, computed from the sRGB relative
 * luminance that WCAG defines.
 */
class ChartColorsTest {
  private static final double MIN_CONTRAST = 3.0;

  /** WCAG 2 relative luminance of an sRGB color. */
  private static double luminance(Color c) {
    double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
    for (int i = 0; i < 3; i++) {
      rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }

  private static double contrastWithWhite(Paint paint) {
    Color c = (Color) paint;
    return 1.05 / (luminance(c) + 0.05);
  }

  private static void assertReadable(List<Paint> paints, int expectedSeries) {
    assertEquals(expectedSeries, paints.size());
    Set<Paint> distinct = new HashSet<>(paints);
    assertEquals(paints.size(), distinct.size(), "one color per series: " + paints);
    for (Paint p : paints) {
      double contrast = contrastWithWhite(p);
      assertTrue(contrast >= MIN_CONTRAST, p + " has contrast " + contrast + " on white");
    }
  }

  @Test
  void theContrastFormulaGivesWcagsEndPoints() {
    assertEquals(21.0, contrastWithWhite(Color.BLACK), 1e-9);
    assertEquals(1.0, contrastWithWhite(Color.WHITE), 1e-9);
    // Pure yellow, the color this test exists to keep out, is about 1.07:1.
    assertTrue(contrastWithWhite(Color.YELLOW) < 1.1);
  }

  @Test
  void trainingCurvesHaveFourReadableLines() {
    List<EpochLogs> epochs = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      epochs.add(new EpochLogs(Map.of("loss", 1.0 / (e + 1), "val_loss", 1.2 / (e + 1),
          "accuracy", 0.5 + 0.1 * e, "val_accuracy", 0.4 + 0.1 * e)));
    }
    JFreeChart chart = TrainingCurves.chart(History.of(epochs, 1.0, 30), "curves");
    List<Paint> paints = new ArrayList<>();
    for (XYPlot panel : ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots()) {
      for (int s = 0; s < panel.getDataset().getSeriesCount(); s++) {
        paints.add(panel.getRenderer().getItemPaint(s, 0));
      }
    }
    assertReadable(paints, 4);
  }

  @Test
  void sweepBarsOfAllFiveWiringsAreReadable() {
    List<Sweep.Cell> cells = new ArrayList<>();
    for (String model : Sweep.MODELS) {
      cells.add(new Sweep.Cell(model, 4, List.of(new Sweep.Run(1, 0.5, 10, 1.0)),
          Sweep.tutorial(model, 4)));
    }
    CategoryPlot plot = SweepChart.chart(cells).getCategoryPlot();
    List<Paint> paints = new ArrayList<>();
    for (int s = 0; s < plot.getDataset(0).getRowCount(); s++) {
      paints.add(plot.getRenderer(0).getItemPaint(s, 0));
    }
    assertReadable(paints, 5);
  }
}
