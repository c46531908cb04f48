package com.voicecampaigns.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTests {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path root;

  @Test
  void aBenchmarkThatDidNotRunIsListedAsNotRunAndNoChartIsWritten() throws IOException {
    Path report = root.resolve("target/benchmark-report.md");

    BenchmarkReport.write(root, report);

    String markdown = Files.readString(report);
    assertThat(markdown)
        .contains("## Dispatcher", "## Dialling", "## API", "## Lists")
        .contains("Dispatcher benchmark: **not run**", "Worker benchmark: **not run**")
        .contains("**Create-campaign under load** (`api-load.csv`): **not run**")
        .contains("**CSV import through the API**: **not run**")
        .contains("cores (nproc)");
    assertThat(root.resolve("target/benchmark-report")).doesNotExist();
  }

  @Test
  void writesTheDispatcherFiguresAndChartsBesideTheMissingCells() throws IOException {
    Path dir = Files.createDirectories(root.resolve("campaign-dispatcher/target/benchmark"));
    Files.write(
        dir.resolve("dispatcher-benchmark.csv"),
        List.of(
            "campaigns,replicas,drain_ms,tick_delivery_ms,floor_ms,floor_publish_ms,floor_update_ms,"
                + "ratio_to_floor,lag_p50_ms,lag_p99_ms,lag_max_ms,claim_lag_p99_ms,seed_drain_ms,"
                + "seed_lag_p50_ms,seed_lag_p99_ms,seed_lag_max_ms",
            "1000,1,900,100,300,200,100,3.00,800,950,960,200,11940000,5940000,11820000,11940000"));
    List<String> lags =
        new ArrayList<>(List.of("campaigns,replicas,percentile,lag_ms,seed_lag_ms"));
    for (int p = 1; p <= 100; p++) {
      lags.add("1000,1," + p + "," + (700 + p) + "," + (p * 120_000));
    }
    Files.write(dir.resolve("dispatcher-lag-percentiles.csv"), lags);
    Path report = root.resolve("target/benchmark-report.md");

    BenchmarkReport.write(root, report);

    String markdown = Files.readString(report);
    assertThat(markdown)
        .contains("| 1,000 | 1 | 900 ms | 300 ms (200 ms + 100 ms) | 3.00× |")
        .contains("| 10,000 | 1 | not run |")
        .contains("environment: not recorded")
        .contains("![dispatcher drain](benchmark-report/dispatcher-drain.png)")
        .contains("![start lag 1000](benchmark-report/dispatcher-start-lag-1000.png)");
    for (String chart : List.of("dispatcher-drain.png", "dispatcher-start-lag-1000.png")) {
      byte[] bytes = Files.readAllBytes(root.resolve("target/benchmark-report").resolve(chart));
      assertThat(bytes).startsWith(PNG);
    }
  }

  @Test
  void writesTheCallRateChartAndListsTheCellsNotRun() throws IOException {
    Path dir = Files.createDirectories(root.resolve("call-worker/target/benchmarks"));
    Files.write(
        dir.resolve("call-worker-pacing.csv"),
        List.of(
            "cps,latency_ms,workers,contacts,achieved_per_s,achieved_over_cps,steady_per_s,"
                + "steady_over_cps,worst_1s_window",
            "10,300,4,120,9.2800,0.9280,9.6100,0.9610,10"));
    Files.write(
        dir.resolve("call-worker-call-rate.csv"),
        List.of(
            "cps,latency_ms,workers,second,make_call_requests",
            "10,300,4,0,9",
            "10,300,4,1,10",
            "10,300,4,2,9"));
    Files.write(
        dir.resolve("call-worker.properties"),
        List.of("mongo=MongoDB at MONGODB_URI", "cores=2", "max_heap_mib=512"));

    BenchmarkReport.write(root, root.resolve("target/benchmark-report.md"));

    String markdown = Files.readString(root.resolve("target/benchmark-report.md"));
    assertThat(markdown)
        .contains("| 10 | 300 ms | 4 | 120 | 9.28 | 92.8 % | 9.61 | 96.1 % | 10 |")
        .contains("| 2 | 50 ms | 1 | not run |")
        .contains("- MongoDB: MongoDB at MONGODB_URI")
        .contains("**Unpaced** (`PLIVO_CPS=0`, no API request limit, 1 worker): **not run**")
        .contains("**Fair shares**")
        .doesNotContain("| campaigns | contacts each |");
    assertThat(
            Files.readAllBytes(
                root.resolve("target/benchmark-report/dialling-call-rate-10cps.png")))
        .startsWith(PNG);
  }

  @Test
  void writesTheSharesAndTheUnpacedRateBesideItsFloor() throws IOException {
    Path dir = Files.createDirectories(root.resolve("call-worker/target/benchmarks"));
    Files.write(
        dir.resolve("call-worker-shares.csv"),
        List.of(
            "campaigns,workers,cps,latency_ms,contacts_each,calls_in_5s,even,worst_deviation",
            "2,4,20,300,100,48 48,48.0000,0.0000",
            "10,4,20,300,20,9 9 10 10 10 10 10 10 9 9,9.6000,0.0625"));
    Files.write(
        dir.resolve("call-worker-unlimited.csv"),
        List.of(
            "workers,contacts,calls_per_s,dial_s,wall_s,floor_calls_per_s,floor_in_flight",
            "1,2000,111.9000,17.9000,18.3000,2176.6000,64"));

    BenchmarkReport.write(root, root.resolve("target/benchmark-report.md"));

    String markdown = Files.readString(root.resolve("target/benchmark-report.md"));
    assertThat(markdown)
        .contains("| 2 | 100 | 48 48 | 48.0 | 0.0 % |")
        .contains("| 10 | 20 | 9 9 10 10 10 10 10 10 9 9 | 9.6 | 6.3 % |")
        .contains(
            "2,000 contacts, 111.9 calls placed per second (first to last Make-Call request 17.9 s;"
                + " start to completed 18.3 s); floor, the worker's Plivo client alone (plivo-java,"
                + " 64 requests in flight, no MongoDB or session): 2176.6 calls/s, so the worker"
                + " reaches 5.1 % of it");
  }
}
