package com.voicecampaigns.api.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator, run in a JVM of its own by {@link
 * CampaignCreateLoadBenchmarkTests}: {@code connections} threads each send a request and, when it
 * has answered, the next, for {@code warm-up} seconds unmeasured and then {@code seconds} measured.
 * Prints one line: {@code LOAD requests=… errors=… seconds=… throughput=… p50_ms=… p99_ms=…
 * max_ms=…}; an error is any answer but {@code expected-status}.
 *
 * <p>{@code ClosedLoopDriver URL TOKEN GET|POST BODY_FILE|- EXPECTED_STATUS CONNECTIONS WARMUP
 * SECONDS}
 */
public final class ClosedLoopDriver {

  private ClosedLoopDriver() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String token = args[1];
    String method = args[2];
    String body = args[3].equals("-") ? null : Files.readString(Path.of(args[3]));
    int expected = Integer.parseInt(args[4]);
    int connections = Integer.parseInt(args[5]);
    long warmUpNanos = Duration.ofSeconds(Long.parseLong(args[6])).toNanos();
    long measureNanos = Duration.ofSeconds(Long.parseLong(args[7])).toNanos();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    HttpRequest request =
        body == null
            ? builder.GET().build()
            : builder
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long start = System.nanoTime();
    long measureFrom = start + warmUpNanos;
    long measureTo = measureFrom + measureNanos;
    AtomicLong errors = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      long[][] mine = {new long[1024]};
      int[] count = {0};
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < measureTo) {
                  long sent = System.nanoTime();
                  int status;
                  try {
                    status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (Exception e) {
                    status = -1;
                  }
                  long answered = System.nanoTime();
                  if (sent < measureFrom || answered > measureTo) {
                    continue;
                  }
                  if (status != expected) {
                    errors.incrementAndGet();
                  }
                  if (count[0] == mine[0].length) {
                    mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                  }
                  mine[0][count[0]++] = answered - sent;
                }
                synchronized (latencies) {
                  latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
              },
              "load-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    double seconds = measureNanos / 1e9;
    System.out.println(
        String.format(
            Locale.ROOT,
            "LOAD requests=%d errors=%d seconds=%.3f throughput=%.2f p50_ms=%.3f p99_ms=%.3f"
                + " max_ms=%.3f",
            all.length,
            errors.get(),
            seconds,
            all.length / seconds,
            percentile(all, 50),
            percentile(all, 99),
            all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6));
  }

  /** Nearest-rank percentile in milliseconds. */
  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
