package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.simulator.SimulatedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The worker benchmark's figures as CSV files under {@code target/benchmarks/} for the benchmark
 * report: each test starts its file afresh ({@link #start}) and appends a row per figure.
 */
final class WorkerBenchmarkCsv {

  static final Path DIRECTORY = Path.of("target", "benchmarks");
  static final String PACING = "call-worker-pacing.csv";
  static final String CALL_RATE = "call-worker-call-rate.csv";
  static final String UNLIMITED = "call-worker-unlimited.csv";
  static final String HEAP = "call-worker-heap.csv";
  static final String SHARES = "call-worker-shares.csv";

  private WorkerBenchmarkCsv() {}

  /** Replaces {@code file} by its header line. */
  static void start(String file, String header) {
    write(file, header, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static void row(String file, Object... values) {
    StringBuilder line = new StringBuilder();
    for (Object value : values) {
      if (!line.isEmpty()) {
        line.append(',');
      }
      line.append(
          value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value.toString());
    }
    write(file, line.toString(), StandardOpenOption.APPEND);
  }

  /**
   * One row per second of a cell from its first Make-Call request: how many requests the simulator
   * received in that second (by {@link SimulatedCall#receivedNanos()}).
   */
  static void callRate(int cps, int latencyMillis, int workers, List<SimulatedCall> calls) {
    long first = calls.stream().mapToLong(SimulatedCall::receivedNanos).min().orElseThrow();
    TreeMap<Long, Integer> perSecond = new TreeMap<>();
    for (SimulatedCall call : calls) {
      perSecond.merge((call.receivedNanos() - first) / 1_000_000_000L, 1, Integer::sum);
    }
    long last = perSecond.lastKey();
    for (long second = 0; second <= last; second++) {
      row(CALL_RATE, cps, latencyMillis, workers, second, perSecond.getOrDefault(second, 0));
    }
  }

  private static void write(String file, String line, StandardOpenOption mode) {
    try {
      Files.createDirectories(DIRECTORY);
      Files.writeString(
          DIRECTORY.resolve(file),
          line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
