package com.voicecampaigns.benchmark.dispatcher;

import static com.voicecampaigns.benchmark.report.Figures.NOT_RUN;
import static com.voicecampaigns.benchmark.report.Figures.count;

import com.voicecampaigns.benchmark.chart.LineChart;
import com.voicecampaigns.benchmark.chart.Series;
import com.voicecampaigns.benchmark.report.Figures;
import com.voicecampaigns.benchmark.report.ReportContext;
import com.voicecampaigns.benchmark.source.CsvTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The start-lag distribution of each backlog ({@code dispatcher-lag-percentiles.csv}: each drain's
 * lag at percentiles 1 to 100) against the seed's on the same input, one chart per backlog size.
 */
final class LagDistributionChart {

  private LagDistributionChart() {}

  static String render(ReportContext context, List<Drain> drains) {
    Optional<CsvTable> table =
        CsvTable.read(
            context.target(DispatcherSection.MODULE, "benchmark/dispatcher-lag-percentiles.csv"));
    if (table.isEmpty()) {
      return "Start-lag distribution: **"
          + NOT_RUN
          + "** (no `dispatcher-lag-percentiles.csv`).\n\n";
    }
    List<CsvTable.Row> rows = table.get().rows();
    StringBuilder out =
        new StringBuilder(
            "Start-lag distribution (a campaign's CampaignStart publish time minus its"
                + " scheduledTime, by percentile; log scale) against the seed's on the same input:\n\n");
    for (int n : new TreeSet<>(rows.stream().map(r -> r.integer("campaigns")).toList())) {
      List<CsvTable.Row> ofN = rows.stream().filter(r -> r.integer("campaigns") == n).toList();
      List<Series> series = new ArrayList<>();
      TreeSet<Integer> replicas =
          new TreeSet<>(ofN.stream().map(r -> r.integer("replicas")).toList());
      for (int r : replicas) {
        series.add(Series.of("dispatcher, " + r + " replica(s)", curve(ofN, r, "lag_ms")));
      }
      series.add(Series.reference("seed's algorithm", curve(ofN, replicas.first(), "seed_lag_ms")));
      String file = "dispatcher-start-lag-" + n + ".png";
      new LineChart(
              "Start lag, " + count(n) + " campaigns due at once",
              "percentile of campaigns",
              "start lag, ms",
              series,
              false,
              true)
          .writePng(context.chartDirectory(), file);
      out.append(Figures.image("start lag " + n, context.chartLink(), file)).append('\n');
    }
    return out.toString();
  }

  private static List<Series.Point> curve(List<CsvTable.Row> rows, int replicas, String column) {
    return rows.stream()
        .filter(r -> r.integer("replicas") == replicas)
        .map(r -> new Series.Point(r.number("percentile"), r.number(column)))
        .toList();
  }
}
