package com.voicecampaigns.benchmark.lists;

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
 * Contact lists: the API's streamed CSV import ({@code contact-import.csv}) and the worker's heap
 * while it walks a list ({@code call-worker-heap.csv}).
 */
public final class ListsSection implements Section {

  @Override
  public String render(ReportContext context) {
    StringBuilder out = new StringBuilder("## Lists\n\n**CSV import through the API**: ");
    Optional<CsvTable> imports =
        CsvTable.read(context.target("campaign-api", "benchmarks/contact-import.csv"));
    if (imports.isEmpty()) {
      out.append("**" + NOT_RUN + "**.\n\n");
    } else {
      out.append(
          "one streamed upload per size after a 20,000-row warm-up; live heap = used heap after a"
              + " full GC, sampled each second. The floor is the live heap before the upload.\n\n");
      out.append(environment(context, "campaign-api", "contact-import.properties")).append('\n');
      List<List<String>> rows = new ArrayList<>();
      for (CsvTable.Row r : imports.get().rows()) {
        rows.add(
            List.of(
                Figures.count(r.integer("rows")),
                decimal(r.number("csv_mb"), 1) + " MB",
                decimal(r.number("seconds"), 1) + " s",
                Figures.count(Math.round(r.number("rows_per_s"))),
                "%s / %s / %s MB"
                    .formatted(
                        r.text("live_heap_before_mb"),
                        r.text("live_heap_max_mb"),
                        r.text("live_heap_after_mb")),
                Figures.ratio(r.number("live_heap_max_mb") / r.number("live_heap_before_mb"))));
      }
      out.append(
              Figures.table(
                  List.of(
                      "rows",
                      "CSV",
                      "time",
                      "rows/s",
                      "live heap before / max / after",
                      "max ÷ before"),
                  rows))
          .append('\n');
    }
    out.append("**Worker heap while walking a list** (`call-worker-heap.csv`): ");
    Optional<CsvTable> heap =
        CsvTable.read(context.target("call-worker", "benchmarks/call-worker-heap.csv"));
    if (heap.isEmpty()) {
      return out.append("**" + NOT_RUN + "**.\n\n").toString();
    }
    out.append("the worker's ContactWalk in a JVM of its own.\n\n");
    out.append(environment(context, "call-worker", "call-worker.properties")).append('\n');
    List<List<String>> rows = new ArrayList<>();
    for (CsvTable.Row r : heap.get().rows()) {
      rows.add(
          List.of(
              Figures.count(r.integer("contacts")),
              r.text("batch"),
              "-Xmx" + r.text("xmx"),
              "`" + r.text("probe") + "`"));
    }
    return out.append(Figures.table(List.of("contacts", "batch", "heap limit", "probe"), rows))
        .append('\n')
        .toString();
  }

  private static String environment(ReportContext context, String module, String file) {
    return RunEnvironment.read(context.target(module, "benchmarks/" + file))
        .map(RunEnvironment::markdown)
        .orElse(RunEnvironment.unrecorded());
  }
}
