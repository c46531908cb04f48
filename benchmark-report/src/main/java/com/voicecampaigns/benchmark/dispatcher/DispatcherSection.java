package com.voicecampaigns.benchmark.dispatcher;

import static com.voicecampaigns.benchmark.report.Figures.NOT_RUN;
import static com.voicecampaigns.benchmark.report.Figures.count;
import static com.voicecampaigns.benchmark.report.Figures.duration;
import static com.voicecampaigns.benchmark.report.Figures.ratio;

import com.voicecampaigns.benchmark.chart.LineChart;
import com.voicecampaigns.benchmark.chart.Series;
import com.voicecampaigns.benchmark.report.Figures;
import com.voicecampaigns.benchmark.report.ReportContext;
import com.voicecampaigns.benchmark.report.Section;
import com.voicecampaigns.benchmark.source.CsvTable;
import com.voicecampaigns.benchmark.source.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The dispatcher's drains ({@code campaign-dispatcher/target/benchmark/}): drain time beside its
 * floor and the seed's algorithm, per backlog and replica count, and the start-lag distribution.
 */
public final class DispatcherSection implements Section {

  static final String MODULE = "campaign-dispatcher";

  /** The benchmark's default matrix: a cell of it without a row is listed as not run. */
  static final List<Integer> SIZES = List.of(1_000, 10_000, 100_000);

  static final List<Integer> REPLICAS = List.of(1, 2);

  @Override
  public String render(ReportContext context) {
    StringBuilder out = new StringBuilder("## Dispatcher\n\n");
    Optional<CsvTable> table =
        CsvTable.read(context.target(MODULE, "benchmark/dispatcher-benchmark.csv"));
    if (table.isEmpty()) {
      return out.append("Dispatcher benchmark: **" + NOT_RUN + "** (no ")
          .append("`campaign-dispatcher/target/benchmark/dispatcher-benchmark.csv`).\n\n")
          .toString();
    }
    List<Drain> drains = table.get().rows().stream().map(Drain::of).toList();
    out.append(
        "Every campaign due at once, drained from one tick by R dispatcher replicas (application"
            + " contexts in one JVM); each row the median of the repetitions. Floor: as many"
            + " start-sized messages published raw plus one raw `updateMany` and its read-back,"
            + " measured just before the drain. Seed: its algorithm on the same input (a tick a"
            + " minute, 5 campaigns a tick, zero time per start).\n\n");
    out.append(
        RunEnvironment.read(context.target(MODULE, "benchmark/dispatcher-benchmark.properties"))
            .map(RunEnvironment::markdown)
            .orElse(RunEnvironment.unrecorded()));
    out.append('\n').append(Figures.table(header(), rows(drains))).append('\n');
    out.append(drainChart(context, drains));
    out.append(LagDistributionChart.render(context, drains));
    return out.toString();
  }

  private static List<String> header() {
    return List.of(
        "due campaigns",
        "replicas",
        "drain",
        "floor (publish + update)",
        "ratio to floor",
        "start lag p50 / p99 / max",
        "seed: drain, lag p50 / p99",
        "seed drain ÷ drain");
  }

  private static List<List<String>> rows(List<Drain> drains) {
    List<List<String>> rows = new ArrayList<>();
    TreeSet<Integer> sizes = new TreeSet<>(SIZES);
    drains.forEach(d -> sizes.add(d.campaigns()));
    TreeSet<Integer> replicas = new TreeSet<>(REPLICAS);
    drains.forEach(d -> replicas.add(d.replicas()));
    for (int r : replicas) {
      for (int n : sizes) {
        Optional<Drain> drain =
            drains.stream().filter(d -> d.campaigns() == n && d.replicas() == r).findFirst();
        rows.add(drain.map(DispatcherSection::row).orElse(notRun(n, r)));
      }
    }
    return rows;
  }

  private static List<String> row(Drain d) {
    return List.of(
        count(d.campaigns()),
        Integer.toString(d.replicas()),
        duration(d.drainMillis()),
        "%s (%s + %s)"
            .formatted(
                duration(d.floorMillis()),
                duration(d.floorPublishMillis()),
                duration(d.floorUpdateMillis())),
        ratio(d.ratioToFloor()),
        "%s / %s / %s".formatted(duration(d.lagP50()), duration(d.lagP99()), duration(d.lagMax())),
        "%s, %s / %s"
            .formatted(
                duration(d.seedDrainMillis()), duration(d.seedLagP50()), duration(d.seedLagP99())),
        ratio(d.speedUpOverSeed()));
  }

  private static List<String> notRun(int n, int r) {
    List<String> row = new ArrayList<>(List.of(count(n), Integer.toString(r)));
    while (row.size() < header().size()) {
      row.add(NOT_RUN);
    }
    return row;
  }

  private static String drainChart(ReportContext context, List<Drain> drains) {
    List<Series> series = new ArrayList<>();
    for (int r : new TreeSet<>(drains.stream().map(Drain::replicas).toList())) {
      List<Drain> ofR = drains.stream().filter(d -> d.replicas() == r).toList();
      series.add(Series.of("drain, " + r + " replica(s)", points(ofR, Drain::drainMillis)));
      series.add(Series.reference("floor, " + r + " replica(s)", points(ofR, Drain::floorMillis)));
    }
    List<Drain> any =
        drains.stream().filter(d -> d.replicas() == drains.get(0).replicas()).toList();
    series.add(Series.reference("seed's algorithm", points(any, Drain::seedDrainMillis)));
    new LineChart(
            "Drain time against backlog (all due at once)",
            "due campaigns",
            "time from the first tick to the last start, ms",
            series,
            true,
            true)
        .writePng(context.chartDirectory(), "dispatcher-drain.png");
    return "Drain time against backlog size, beside the floor and the seed (log-log):\n\n"
        + Figures.image("dispatcher drain", context.chartLink(), "dispatcher-drain.png")
        + "\n";
  }

  private static List<Series.Point> points(
      List<Drain> drains, java.util.function.ToDoubleFunction<Drain> y) {
    return drains.stream()
        .sorted(java.util.Comparator.comparingInt(Drain::campaigns))
        .map(d -> new Series.Point(d.campaigns(), y.applyAsDouble(d)))
        .toList();
  }
}
