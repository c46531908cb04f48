package com.voicecampaigns.benchmark.report;

import java.nio.file.Path;

/**
 * Where a section reads and writes: the project's root (the modules' {@code target} folders are
 * under it) and the chart folder, with its name as the markdown links it (relative to the report).
 */
public record ReportContext(Path root, Path chartDirectory, String chartLink) {

  /** {@code <root>/<module>/target/<relative>}. */
  public Path target(String module, String relative) {
    return root.resolve(module).resolve("target").resolve(relative);
  }
}
