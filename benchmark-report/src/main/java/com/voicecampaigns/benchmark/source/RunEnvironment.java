package com.voicecampaigns.benchmark.source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where one benchmark ran, as it recorded beside its figures (test-support's {@code
 * BenchmarkEnvironment}): when it finished, its JVM's cores and heap, its backends and inputs.
 */
public record RunEnvironment(Properties properties) {

  /** The environment in {@code file}, or empty when the benchmark did not record one. */
  public static Optional<RunEnvironment> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new RunEnvironment(properties));
  }

  public String value(String key) {
    return properties.getProperty(key, "not recorded");
  }

  /** The environment as markdown list items. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("- finished: ").append(value("finished")).append('\n');
    out.append(
        "- benchmark JVM: %s cores, %s MiB max heap; load average %s when it finished\n"
            .formatted(value("cores"), value("max_heap_mib"), value("load_average")));
    out.append("- MongoDB: ").append(value("mongo")).append('\n');
    if (properties.containsKey("pubsub")) {
      out.append("- Pub/Sub: ").append(value("pubsub")).append('\n');
    }
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith("input.")) {
        out.append("- input ")
            .append(key.substring("input.".length()))
            .append(": ")
            .append(properties.getProperty(key))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** What a section says when its benchmark wrote figures but no environment (an older run). */
  public static String unrecorded() {
    return "- environment: not recorded (figures from a run before the benchmark wrote it)\n";
  }
}
