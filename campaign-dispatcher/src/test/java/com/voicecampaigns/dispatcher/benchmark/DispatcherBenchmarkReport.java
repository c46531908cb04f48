package com.voicecampaigns.dispatcher.benchmark;

import com.voicecampaigns.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's figures as a table, each drain beside its floor and the seed. */
final class DispatcherBenchmarkReport {

  private DispatcherBenchmarkReport() {}

  static String text(List<DrainResult> results, String settings) {
    List<String> lines = new ArrayList<>();
    lines.add("campaign-dispatcher benchmark, " + Instant.now());
    lines.add(
        "machine: %d cores, %d MiB max heap; %s"
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                settings));
    lines.add("backends: " + TestInfrastructure.mongo().description());
    lines.add("          " + TestInfrastructure.pubsub().description());
    lines.add("");
    lines.add(
        "| campaigns | replicas | drain | of it, tick delivery | floor (publish + update) | ratio"
            + " (after the tick) | start lag p50 / p99 / max | claim statements | seed drain | seed"
            + " lag p50 / p99 |");
    lines.add("|---:|---:|---:|---:|---:|---:|---|---|---:|---|");
    for (DrainResult r : results) {
      lines.add(
          "| %,d | %d | %s | %s | %s (%s + %s) | %.2f× (%.2f×) | %s / %s / %s | %s | %s | %s / %s |"
              .formatted(
                  r.campaigns(),
                  r.replicas(),
                  LagFigures.human(r.drain()),
                  LagFigures.human(r.tickDelivery()),
                  LagFigures.human(r.floor().total()),
                  LagFigures.human(r.floor().publish()),
                  LagFigures.human(r.floor().update()),
                  r.ratioToFloor(),
                  r.ratioAfterTickToFloor(),
                  LagFigures.human(r.startLag().percentile(50)),
                  LagFigures.human(r.startLag().percentile(99)),
                  LagFigures.human(r.startLag().max()),
                  r.claimBatches(),
                  LagFigures.human(r.seedDrain()),
                  LagFigures.human(r.seedLag().percentile(50)),
                  LagFigures.human(r.seedLag().percentile(99))));
    }
    lines.add("");
    lines.add(
        "each row: the median of the repetitions by drain time, after one unreported warm-up drain.");
    lines.add(
        "drain: first tick published -> the broker's publish time of the last CampaignStart; tick"
            + " delivery: first tick published -> the first claim. start lag: a campaign's"
            + " CampaignStart publish time - its scheduledTime (includes the tick's delivery).");
    lines.add(
        "floor: the same number of start-sized messages published raw through the dispatcher's own"
            + " publisher, plus one raw updateMany over as many due documents and the read-back,"
            + " measured just before the drain.");
    lines.add(
        "seed: virtual clock, first tick at the dispatcher's first tick, then every 60 s, 5"
            + " campaigns per tick in insertion order, zero time per start (its best case).");
    lines.add("");
    return String.join("\n", lines);
  }
}
