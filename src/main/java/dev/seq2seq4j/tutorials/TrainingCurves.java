package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.train.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of a training history: loss (and accuracy, when measured) per epoch. */
public final class TrainingCurves {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 640;

  private TrainingCurves() {}

  /**
   * Writes the loss curves (training and validation) and, if the history has them, the
   * accuracy curves, one panel each, epochs on the shared x axis.
   *
   * @param history the training history
   * @param title the chart title, e.g. the recipe name
   * @param file the PNG to write; parent folders are created
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void writePng(History history, String title, Path file) {
    save(chart(history, title), file, WIDTH, HEIGHT);
  }

  /** The chart {@link #writePng} draws; each curve keeps its own palette color in both panels. */
  static JFreeChart chart(History history, String title) {
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
    plot.add(panel(history, "loss", List.of("loss", "val_loss"), 0), 1);
    if (has(history, "accuracy")) {
      plot.add(panel(history, "accuracy", List.of("accuracy", "val_accuracy"), 2), 1);
    }
    return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static boolean has(History history, String metric) {
    for (double v : history.series(metric)) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private static XYPlot panel(History history, String axisLabel, List<String> metrics,
      int firstColor) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (String metric : metrics) {
      if (!has(history, metric)) {
        continue;
      }
      XYSeries series = new XYSeries(metric);
      double[] values = history.series(metric);
      for (int i = 0; i < values.length; i++) {
        series.add(i + 1, values[i]);
      }
      data.addSeries(series);
    }
    NumberAxis y = new NumberAxis(axisLabel);
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    ChartPalette.paint(lines, firstColor, data.getSeriesCount());
    return new XYPlot(data, null, y, lines);
  }

  /** Saves a chart as PNG, creating parent folders; used by every chart of this package. */
  static void save(JFreeChart chart, Path file, int width, int height) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write chart " + file + ": " + e.getMessage(), e);
    }
  }
}
