package com.voicecampaigns.testsupport.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a benchmark ran, written beside its figures as a properties file for the benchmark report
 * ({@code bin/benchmark}): when, the cores and heap of the benchmark's JVM, and its backends as
 * {@code TestInfrastructure} chose them, the load average when it finished ({@code mongo}, {@code
 * pubsub}), plus any inputs.
 */
public record BenchmarkEnvironment(String mongo, String pubsub, Map<String, String> inputs) {

  public BenchmarkEnvironment {
    inputs = Map.copyOf(inputs);
  }

  /** Writes {@code file}, replacing an earlier run's. */
  public void write(Path file) {
    Properties properties = new Properties();
    properties.setProperty("finished", Instant.now().toString());
    properties.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    properties.setProperty("max_heap_mib", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    properties.setProperty(
        "load_average",
        String.format(
            java.util.Locale.ROOT,
            "%.2f",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()));
    properties.setProperty("mongo", mongo);
    if (pubsub != null) {
      properties.setProperty("pubsub", pubsub);
    }
    new TreeMap<>(inputs).forEach((k, v) -> properties.setProperty("input." + k, v));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, "benchmark environment");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
