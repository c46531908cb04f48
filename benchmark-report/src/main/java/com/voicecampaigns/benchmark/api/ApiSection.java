package com.voicecampaigns.benchmark.api;

import static com.voicecampaigns.benchmark.report.Figures.NOT_RUN;
import static com.voicecampaigns.benchmark.report.Figures.decimal;
import static com.voicecampaigns.benchmark.report.Figures.ratio;

import com.voicecampaigns.benchmark.report.Figures;
import com.voicecampaigns.benchmark.report.ReportContext;
import com.voicecampaigns.benchmark.report.Section;
import com.voicecampaigns.benchmark.source.CsvTable;
import com.voicecampaigns.benchmark.source.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API's figures ({@code campaign-api/target/benchmarks/}): create-campaign under closed-loop
 * load from a second process beside an authenticated trivial GET, and a campaign's GET with many
 * calls beside one with none.
 */
public final class ApiSection implements Section {

  static final String MODULE = "campaign-api";

  @Override
  public String render(ReportContext context) {
    StringBuilder out = new StringBuilder("## API\n\n");
    out.append("**Create-campaign under load** (`api-load.csv`): ");
    out.append(load(context));
    out.append("\n**A campaign's GET** (`campaign-progress.csv`): ");
    out.append(progress(context));
    return out.toString();
  }

  private static String load(ReportContext context) {
    Optional<CsvTable> table = CsvTable.read(context.target(MODULE, "benchmarks/api-load.csv"));
    if (table.isEmpty()) {
      return "**" + NOT_RUN + "**.\n";
    }
    StringBuilder out =
        new StringBuilder(
            "closed loop from a second JVM (each connection sends its next request when the"
                + " previous one answered); the floor is an authenticated trivial GET on the same"
                + " server in the same run.\n\n");
    out.append(environment(context, "api-load.properties")).append('\n');
    List<CsvTable.Row> rows = table.get().rows();
    Optional<CsvTable.Row> floor =
        rows.stream().filter(r -> r.text("endpoint").equals("trivial-get")).findFirst();
    List<List<String>> cells = new ArrayList<>();
    for (CsvTable.Row r : rows) {
      String toFloor =
          floor
              .map(f -> ratio(r.number("throughput_per_s") / f.number("throughput_per_s")))
              .orElse(NOT_RUN);
      cells.add(
          List.of(
              "`" + r.text("request") + "`",
              r.text("connections"),
              decimal(r.number("seconds"), 0) + " s",
              Figures.count(r.integer("requests")),
              r.text("errors"),
              decimal(r.number("throughput_per_s"), 1),
              decimal(r.number("p50_ms"), 2) + " / " + decimal(r.number("p99_ms"), 2) + " ms",
              toFloor));
    }
    return out.append(
            Figures.table(
                List.of(
                    "request",
                    "connections",
                    "duration",
                    "requests",
                    "errors",
                    "requests/s",
                    "latency p50 / p99",
                    "throughput ÷ floor's"),
                cells))
        .toString();
  }

  private static String progress(ReportContext context) {
    Optional<CsvTable> table =
        CsvTable.read(context.target(MODULE, "benchmarks/campaign-progress.csv"));
    if (table.isEmpty()) {
      return "**" + NOT_RUN + "**.\n\n";
    }
    StringBuilder out =
        new StringBuilder(
            "sequential GETs of a campaign with many call documents beside one with none (the"
                + " floor), and one recount of the calls (what each GET cost before the"
                + " counters).\n\n");
    out.append(environment(context, "campaign-progress.properties")).append('\n');
    List<CsvTable.Row> rows = table.get().rows();
    Optional<CsvTable.Row> none =
        rows.stream().filter(r -> r.text("measure").equals("get-no-calls")).findFirst();
    List<List<String>> cells = new ArrayList<>();
    for (CsvTable.Row r : rows) {
      cells.add(
          List.of(
              r.text("measure"),
              Figures.count(r.integer("calls")),
              Figures.count(r.integer("requests")),
              decimal(r.number("p50_ms"), 2) + " / " + decimal(r.number("p99_ms"), 2) + " ms",
              decimal(r.number("max_ms"), 2) + " ms",
              none.map(n -> ratio(r.number("p99_ms") / n.number("p99_ms"))).orElse(NOT_RUN)));
    }
    return out.append(
            Figures.table(
                List.of("measure", "calls", "requests", "p50 / p99", "max", "p99 ÷ no calls' p99"),
                cells))
        .append('\n')
        .toString();
  }

  static String environment(ReportContext context, String file) {
    return RunEnvironment.read(context.target(MODULE, "benchmarks/" + file))
        .map(RunEnvironment::markdown)
        .orElse(RunEnvironment.unrecorded());
  }
}
