package dev.seq2seq4j.tutorials;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A PNG of the sweep: bars for our median accuracy per model and length (the four wirings and
 * the attention model), with the tutorial's numbers as black markers over the matching bars.
 */
public final class SweepChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private SweepChart() {}

  /**
   * Writes the chart.
   *
   * @param cells the sweep's cells
   * @param file the PNG to write
   * @throws java.io.UncheckedIOException if it cannot be written
   */
  public static void writePng(List<Sweep.Cell> cells, Path file) {
    TrainingCurves.save(chart(cells), file, WIDTH, HEIGHT);
  }

  /** The chart {@link #writePng} draws: one palette color per model's bars. */
  static JFreeChart chart(List<Sweep.Cell> cells) {
    DefaultCategoryDataset ours = new DefaultCategoryDataset();
    DefaultCategoryDataset tutorial = new DefaultCategoryDataset();
    for (Sweep.Cell c : cells) {
      String length = "length " + c.length();
      ours.addValue(c.medianPercent(), c.model(), length);
      // Every model gets a marker series, empty where the tutorial has no number, so that the
      // markers keep the bars' offsets.
      tutorial.addValue(Double.isNaN(c.tutorial()) ? null : c.tutorial(),
          "tutorial: " + c.model(), length);
    }
    CategoryPlot plot =
        new CategoryPlot(
            ours, new CategoryAxis("sequence length"),
            new NumberAxis("per-position test accuracy (%)"), bars(ours.getRowCount()));
    plot.getRangeAxis().setRange(0, 100);
    LineAndShapeRenderer markers = new LineAndShapeRenderer(false, true);
    for (int i = 0; i < tutorial.getRowCount(); i++) {
      markers.setSeriesPaint(i, Color.BLACK);
    }
    // Spread the markers like the bars, so each sits over its own model's bar.
    markers.setUseSeriesOffset(true);
    markers.setItemMargin(0.2);
    plot.setDataset(1, tutorial);
    plot.setRenderer(1, markers);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    return new JFreeChart(
        "Karakaya: four LSTM wirings and attention (bars: ours, markers: tutorial)",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static BarRenderer bars(int models) {
    BarRenderer bars = new BarRenderer();
    // Flat fills: the default gradient fades each bar to white at one end.
    bars.setBarPainter(new StandardBarPainter());
    ChartPalette.paint(bars, 0, models);
    return bars;
  }
}
