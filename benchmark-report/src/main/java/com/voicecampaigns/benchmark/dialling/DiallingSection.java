package com.voicecampaigns.benchmark.dialling;

import static com.voicecampaigns.benchmark.report.Figures.NOT_RUN;
import static com.voicecampaigns.benchmark.report.Figures.decimal;

import com.voicecampaigns.benchmark.report.Figures;
import com.voicecampaigns.benchmark.report.ReportContext;
import com.voicecampaigns.benchmark.report.Section;
import com.voicecampaigns.benchmark.source.CsvTable;
import com.voicecampaigns.benchmark.source.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The worker's dialling figures ({@code call-worker/target/benchmarks/}): achieved call rate
 * against the configured account limit per latency and worker count, the rate over time, and the
 * unpaced rate.
 */
public final class DiallingSection implements Section {

  static final String MODULE = "call-worker";
  static final List<Integer> CPS = List.of(2, 10, 50);
  static final List<Integer> LATENCIES = List.of(50, 300, 1000);
  static final List<Integer> WORKERS = List.of(1, 4);

  @Override
  public String render(ReportContext context) {
    StringBuilder out = new StringBuilder("## Dialling\n\n");
    Optional<RunEnvironment> environment =
        RunEnvironment.read(context.target(MODULE, "benchmarks/call-worker.properties"));
    Optional<CsvTable> pacing =
        CsvTable.read(context.target(MODULE, "benchmarks/call-worker-pacing.csv"));
    Optional<CsvTable> unlimited =
        CsvTable.read(context.target(MODULE, "benchmarks/call-worker-unlimited.csv"));
    if (pacing.isEmpty() && unlimited.isEmpty()) {
      return out.append("Worker benchmark: **" + NOT_RUN + "** (no CSV under ")
          .append("`call-worker/target/benchmarks/`).\n\n")
          .toString();
    }
    out.append(environment.map(RunEnvironment::markdown).orElse(RunEnvironment.unrecorded()));
    out.append(
        "\n**Pacing** (`PLIVO_CPS` × simulator latency × workers, about 12 s of contacts a cell,"
            + " one campaign per worker; achieved = calls ÷ time from the first to the last"
            + " Make-Call request the simulator received; steady = the same from one latency plus"
            + " 250 ms after the first request, since a session sends one request until Plivo"
            + " accepted a call; the limit is the ceiling):\n\n");
    out.append(
        pacing.map(DiallingSection::pacingTable).orElse("Pacing matrix: **" + NOT_RUN + "**.\n"));
    out.append('\n');
    out.append(CallRateCharts.render(context));
    Optional<CsvTable> shares =
        CsvTable.read(context.target(MODULE, "benchmarks/call-worker-shares.csv"));
    out.append(
        "**Fair shares** (campaigns dialling at once over 4 workers, `PLIVO_CPS=20`, 300 ms"
            + " latency; each campaign's calls in the 5 s from 1 s after the first request, while"
            + " all dial; even = the account's calls ÷ campaigns; goal: every share within ±10 %"
            + " of even):\n\n");
    out.append(shares.map(DiallingSection::sharesTable).orElse("**" + NOT_RUN + "**.\n"));
    out.append('\n');
    out.append("**Unpaced** (`PLIVO_CPS=0`, no API request limit, 1 worker): ");
    out.append(unlimited.map(DiallingSection::unpaced).orElse("**" + NOT_RUN + "**."));
    out.append("\n\n");
    return out.toString();
  }

  private static String pacingTable(CsvTable table) {
    List<List<String>> rows = new ArrayList<>();
    for (int cps : CPS) {
      for (int latency : LATENCIES) {
        for (int workers : WORKERS) {
          Optional<CsvTable.Row> cell =
              table.rows().stream()
                  .filter(
                      r ->
                          r.integer("cps") == cps
                              && r.integer("latency_ms") == latency
                              && r.integer("workers") == workers)
                  .findFirst();
          rows.add(
              cell.map(DiallingSection::pacingRow)
                  .orElse(
                      List.of(
                          Integer.toString(cps),
                          latency + " ms",
                          Integer.toString(workers),
                          NOT_RUN,
                          NOT_RUN,
                          NOT_RUN,
                          NOT_RUN,
                          NOT_RUN,
                          NOT_RUN)));
        }
      }
    }
    return Figures.table(
        List.of(
            "limit (cps)",
            "latency",
            "workers",
            "contacts",
            "achieved calls/s",
            "achieved ÷ limit",
            "steady calls/s",
            "steady ÷ limit",
            "worst 1 s window"),
        rows);
  }

  private static List<String> pacingRow(CsvTable.Row r) {
    return List.of(
        r.text("cps"),
        r.text("latency_ms") + " ms",
        r.text("workers"),
        Figures.count(r.integer("contacts")),
        decimal(r.number("achieved_per_s"), 2),
        decimal(100 * r.number("achieved_over_cps"), 1) + " %",
        r.has("steady_per_s") ? decimal(r.number("steady_per_s"), 2) : NOT_RUN,
        r.has("steady_over_cps") ? decimal(100 * r.number("steady_over_cps"), 1) + " %" : NOT_RUN,
        r.text("worst_1s_window"));
  }

  private static String sharesTable(CsvTable table) {
    List<List<String>> rows = new ArrayList<>();
    for (CsvTable.Row r : table.rows()) {
      rows.add(
          List.of(
              r.text("campaigns"),
              Figures.count(r.integer("contacts_each")),
              r.text("calls_in_5s"),
              decimal(r.number("even"), 1),
              decimal(100 * r.number("worst_deviation"), 1) + " %"));
    }
    return Figures.table(
        List.of(
            "campaigns",
            "contacts each",
            "calls per campaign in 5 s",
            "even share",
            "worst share off even"),
        rows);
  }

  private static String unpaced(CsvTable table) {
    CsvTable.Row r = table.rows().get(0);
    String figure =
        ("%s contacts, %s calls placed per second (first to last Make-Call request %s s; start"
                + " to completed %s s)")
            .formatted(
                Figures.count(r.integer("contacts")),
                decimal(r.number("calls_per_s"), 1),
                decimal(r.number("dial_s"), 1),
                decimal(r.number("wall_s"), 1));
    if (!r.has("floor_calls_per_s")) {
      return figure + "; floor **" + NOT_RUN + "**";
    }
    double floor = r.number("floor_calls_per_s");
    return figure
        + ("; floor, the worker's Plivo client alone (plivo-java, %s requests in flight, no"
                + " MongoDB or session): %s calls/s, so the worker reaches %s %% of it")
            .formatted(
                r.text("floor_in_flight"),
                decimal(floor, 1),
                decimal(100 * r.number("calls_per_s") / floor, 1));
  }
}
