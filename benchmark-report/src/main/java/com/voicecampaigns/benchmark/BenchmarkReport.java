package com.voicecampaigns.benchmark;

import com.voicecampaigns.benchmark.api.ApiSection;
import com.voicecampaigns.benchmark.dialling.DiallingSection;
import com.voicecampaigns.benchmark.dispatcher.DispatcherSection;
import com.voicecampaigns.benchmark.lists.ListsSection;
import com.voicecampaigns.benchmark.report.ReportContext;
import com.voicecampaigns.benchmark.report.Section;
import com.voicecampaigns.benchmark.source.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the benchmark report from the figures the modules' benchmarks left under their {@code
 * target} folders: {@code <root>/target/benchmark-report.md} and its charts under {@code
 * <root>/target/benchmark-report/}. Runs no benchmark; a figure whose benchmark did not run is
 * listed as not run.
 *
 * <p>{@code java -Djava.awt.headless=true -jar benchmark-report-…-exec.jar [--root DIR] [--out
 * FILE]}
 */
public final class BenchmarkReport {

  static final List<Section> SECTIONS =
      List.of(new DispatcherSection(), new DiallingSection(), new ApiSection(), new ListsSection());

  private BenchmarkReport() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path root = Path.of(".");
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: benchmark-report [--root DIR] [--out FILE]");
          System.exit(2);
        }
      }
    }
    Path report = out != null ? out : root.resolve("target").resolve("benchmark-report.md");
    write(root.toAbsolutePath().normalize(), report.toAbsolutePath().normalize());
    System.out.println("benchmark report: " + report);
  }

  /** Writes {@code report} and its charts beside it, in a folder named after it. */
  public static void write(Path root, Path report) throws IOException {
    String name = report.getFileName().toString().replaceFirst("\\.md$", "");
    Path charts = report.resolveSibling(name);
    ReportContext context = new ReportContext(root, charts, name);
    StringBuilder markdown = new StringBuilder("# Benchmark report\n\n");
    markdown
        .append("Written ")
        .append(Instant.now())
        .append(" by `bin/benchmark` from the figures under the modules' `target/` folders.")
        .append(" Machine: ")
        .append(Machine.current().describe())
        .append(
            ". Each section names its benchmark's own run: when it finished, its JVM, its"
                + " backends and inputs. Figures whose benchmark did not run say **not run**.\n\n");
    for (Section section : SECTIONS) {
      markdown.append(section.render(context));
    }
    Files.createDirectories(report.getParent());
    Files.writeString(report, markdown);
  }
}
