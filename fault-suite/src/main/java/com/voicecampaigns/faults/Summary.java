package com.voicecampaigns.faults;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code summary.json}: the run's machine, backends and scenarios, for the benchmark report. */
final class Summary {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Summary() {}

  static void write(SuiteOptions options, String backend, Instant startedAt, List<ScenarioRun> runs)
      throws IOException {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("startedAt", startedAt.toString());
    summary.put("seconds", Duration.between(startedAt, Instant.now()).toSeconds());
    summary.put("mode", options.quick() ? "quick" : "full");
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    summary.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "memoryMb",
            os.getTotalMemorySize() / (1024 * 1024)));
    summary.put("backends", Map.of("mongodb", backend, "pubsub", "gcloud Pub/Sub emulator"));
    summary.put("scenarios", runs);
    summary.put("passed", runs.stream().filter(ScenarioRun::passed).count());
    summary.put(
        "failed", runs.stream().filter(run -> run.result().equals(ScenarioRun.FAILED)).count());
    summary.put(
        "notRun", runs.stream().filter(run -> run.result().equals(ScenarioRun.NOT_RUN)).count());
    JSON.writeValue(options.out().resolve("summary.json").toFile(), summary);
  }
}
