package com.voicecampaigns.benchmark.report;

import java.util.List;
import java.util.Locale;

/** Formatting shared by the sections: durations, counts and markdown tables. */
public final class Figures {

  public static final String NOT_RUN = "not run";

  private Figures() {}

  /** A duration in milliseconds as a person reads it: ms, s, min, h or days. */
  public static String duration(double millis) {
    if (millis < 1_000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    if (millis < 600_000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
    if (millis < 3 * 3_600_000) {
      return String.format(Locale.ROOT, "%.1f min", millis / 60_000);
    }
    if (millis < 48 * 3_600_000.0) {
      return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000);
    }
    return String.format(Locale.ROOT, "%.1f days", millis / 86_400_000);
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  public static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }

  public static String ratio(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f×", value)
        : String.format(Locale.ROOT, "%.2f×", value);
  }

  /** A markdown table: a header row, its alignment row and the rows. */
  public static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> out.append("---|"));
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }

  /** A markdown image of a chart in the report's chart folder. */
  public static String image(String alt, String chartFolder, String file) {
    return "![" + alt + "](" + chartFolder + "/" + file + ")\n";
  }
}
