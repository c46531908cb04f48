package com.voicecampaigns.benchmark.dialling;

import static com.voicecampaigns.benchmark.report.Figures.NOT_RUN;

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
 * The achieved call rate over time ({@code call-worker-call-rate.csv}: Make-Call requests the
 * simulator received in each second of a cell) against the configured limit, one chart per limit.
 */
final class CallRateCharts {

  private CallRateCharts() {}

  static String render(ReportContext context) {
    Optional<CsvTable> table =
        CsvTable.read(
            context.target(DiallingSection.MODULE, "benchmarks/call-worker-call-rate.csv"));
    if (table.isEmpty()) {
      return "Call rate over time: **" + NOT_RUN + "** (no `call-worker-call-rate.csv`).\n\n";
    }
    List<CsvTable.Row> rows = table.get().rows();
    StringBuilder out =
        new StringBuilder(
            "Call rate over time: Make-Call requests the simulator received in each second from"
                + " a cell's first request, against the configured limit (dashed); a cell's last"
                + " second is partial:\n\n");
    for (int cps : new TreeSet<>(rows.stream().map(r -> r.integer("cps")).toList())) {
      List<CsvTable.Row> ofCps = rows.stream().filter(r -> r.integer("cps") == cps).toList();
      List<Series> series = new ArrayList<>();
      double lastSecond = 0;
      for (String cell : new TreeSet<>(ofCps.stream().map(CallRateCharts::cell).toList())) {
        List<Series.Point> points =
            ofCps.stream()
                .filter(r -> cell(r).equals(cell))
                .map(r -> new Series.Point(r.number("second"), r.number("make_call_requests")))
                .toList();
        lastSecond = Math.max(lastSecond, points.get(points.size() - 1).x());
        series.add(Series.of(label(cell), points));
      }
      series.add(
          Series.reference(
              "limit " + cps + "/s",
              List.of(new Series.Point(0, cps), new Series.Point(lastSecond, cps))));
      String file = "dialling-call-rate-" + cps + "cps.png";
      new LineChart(
              "Make-Call requests per second, PLIVO_CPS=" + cps,
              "second from the cell's first request",
              "requests received in the second",
              series,
              false,
              false)
          .writePng(context.chartDirectory(), file);
      out.append(Figures.image("call rate " + cps, context.chartLink(), file)).append('\n');
    }
    return out.toString();
  }

  /** A sortable key of a cell: latency then workers. */
  private static String cell(CsvTable.Row r) {
    return "%05d/%d".formatted(r.integer("latency_ms"), r.integer("workers"));
  }

  private static String label(String cell) {
    String[] parts = cell.split("/");
    return Integer.parseInt(parts[0]) + " ms latency, " + parts[1] + " worker(s)";
  }
}
