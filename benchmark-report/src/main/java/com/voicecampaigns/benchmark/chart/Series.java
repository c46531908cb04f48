package com.voicecampaigns.benchmark.chart;

import java.util.List;

/** One line of a chart: a name for the legend and its points, in order. */
public record Series(String name, List<Point> points, boolean dashed) {

  public Series {
    points = List.copyOf(points);
  }

  public static Series of(String name, List<Point> points) {
    return new Series(name, points, false);
  }

  /** A reference line (a floor, a limit, the seed): drawn dashed. */
  public static Series reference(String name, List<Point> points) {
    return new Series(name, points, true);
  }

  /** A point of a series. */
  public record Point(double x, double y) {}
}
