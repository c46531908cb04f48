package com.voicecampaigns.cutover;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One line per seed document, then a summary; its exit code says whether any was refused. */
final class CutoverReport {

  /** What happened to one document. */
  enum Outcome {
    CREATED("created"),
    WOULD_CREATE("would create"),
    UNCHANGED("unchanged"),
    SKIPPED("skipped"),
    REFUSED("refused");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  /** The document's id, what happened, and the details. */
  record Line(String seedId, Outcome outcome, String detail) {}

  static final int OK = 0;
  static final int FAILED = 1;
  static final int SOME_REFUSED = 3;
  static final int OLD_SERVICE_LIVE = 4;

  private final PrintStream out;
  private final List<Line> lines = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  CutoverReport(PrintStream out) {
    this.out = out;
  }

  void add(String seedId, Outcome outcome, String detail) {
    Line line = new Line(seedId, outcome, detail);
    lines.add(line);
    out.printf("  %-12s %s  %s%n", outcome.label, seedId, detail);
  }

  void warn(String warning) {
    warnings.add(warning);
    out.println("  warning: " + warning);
  }

  void say(String text) {
    out.println(text);
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  long count(Outcome outcome) {
    return lines.stream().filter(l -> l.outcome() == outcome).count();
  }

  /** Prints the summary and answers the exit code. */
  int finish(boolean dryRun) {
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    lines.forEach(l -> counts.merge(l.outcome(), 1L, Long::sum));
    String summary =
        counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().label)
            .collect(Collectors.joining(", "));
    out.println(
        "summary: "
            + (summary.isEmpty() ? "no documents" : summary)
            + (dryRun ? " (dry run: nothing was written)" : ""));
    if (counts.getOrDefault(Outcome.REFUSED, 0L) > 0) {
      out.println(
          "refused documents are listed above with the reason; nothing was created for them."
              + " Fix them in the old database (or the options) and run again: the rest stays as"
              + " it is.");
      return SOME_REFUSED;
    }
    return OK;
  }
}
