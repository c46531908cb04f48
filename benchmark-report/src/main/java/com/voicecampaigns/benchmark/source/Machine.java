package com.voicecampaigns.benchmark.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine the report is written on: its cores (what {@code nproc} counts: the processors this
 * JVM may use), its memory ({@code /proc/meminfo}) and its load average.
 */
public record Machine(int cores, Optional<Long> memoryMib, double loadAverage) {

  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memoryMib(Path.of("/proc/meminfo")),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static Optional<Long> memoryMib(Path meminfo) {
    try {
      return Files.readAllLines(meminfo).stream()
          .filter(l -> l.startsWith("MemTotal:"))
          .map(l -> l.replaceAll("[^0-9]", ""))
          .map(kib -> Long.parseLong(kib) / 1024)
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public String describe() {
    return "%d cores (nproc), %s memory, load average %.2f when the report was written"
        .formatted(
            cores,
            memoryMib.map(m -> "%.1f GiB".formatted(m / 1024.0)).orElse("unknown"),
            loadAverage);
  }
}
