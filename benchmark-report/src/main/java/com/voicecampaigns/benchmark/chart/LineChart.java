package com.voicecampaigns.benchmark.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An XY line chart written as a PNG with JFreeChart (headless). On a logarithmic axis points at or
 * below zero cannot be drawn and are left out.
 */
public record LineChart(
    String title, String xLabel, String yLabel, List<Series> series, boolean logX, boolean logY) {

  public static final int WIDTH = 900;
  public static final int HEIGHT = 540;

  /** Dark colours that stay apart on white (JFreeChart's defaults include yellow). */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0x17becf),
    Color.DARK_GRAY
  };

  public LineChart {
    series = List.copyOf(series);
  }

  /** Writes {@code dir/name} and answers its path. */
  public Path writePng(Path dir, String name) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (Series.Point p : s.points()) {
        if ((!logX || p.x() > 0) && (!logY || p.y() > 0)) {
          xy.add(p.x(), p.y());
        }
      }
      data.addSeries(xy);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (logX) {
      plot.setDomainAxis(logAxis(xLabel));
    }
    if (logY) {
      plot.setRangeAxis(logAxis(yLabel));
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series.size(); i++) {
      float[] dash = series.get(i).dashed() ? new float[] {6f, 4f} : null;
      renderer.setSeriesStroke(
          i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesShapesVisible(i, series.get(i).points().size() <= 12);
    }
    plot.setRenderer(renderer);
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ValueAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(10);
    axis.setSmallestValue(1e-3);
    axis.setTickUnit(new NumberTickUnit(1)); // one tick a decade, labelled with its value
    axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
    axis.setMinorTickMarksVisible(true);
    return axis;
  }
}
