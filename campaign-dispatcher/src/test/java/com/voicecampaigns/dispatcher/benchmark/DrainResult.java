package com.voicecampaigns.dispatcher.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One drain of {@code campaigns} due campaigns by {@code replicas} dispatchers, beside its floor
 * and the seed's algorithm on the same input.
 *
 * @param drain first tick published until the broker's publish time of the last start
 * @param tickDelivery first tick published until the first claim (the broker's delivery of the tick
 *     to a dispatcher)
 * @param startLag broker publish time of each campaign's start minus its scheduled time
 * @param claimLag {@code startedAt} minus scheduled time
 */
record DrainResult(
    int campaigns,
    int replicas,
    Duration drain,
    Duration tickDelivery,
    LagFigures startLag,
    LagFigures claimLag,
    FloorProbe.Floor floor,
    Duration seedDrain,
    LagFigures seedLag,
    String claimBatches,
    int ticks) {

  double ratioToFloor() {
    return drain.toNanos() / (double) floor.total().toNanos();
  }

  /** The drain after the tick arrived, as a multiple of the floor. */
  double ratioAfterTickToFloor() {
    return drain.minus(tickDelivery).toNanos() / (double) floor.total().toNanos();
  }

  static String header() {
    return "campaigns,replicas,drain_ms,tick_delivery_ms,floor_ms,floor_publish_ms,floor_update_ms,ratio_to_floor,"
        + "lag_p50_ms,lag_p99_ms,lag_max_ms,claim_lag_p99_ms,seed_drain_ms,seed_lag_p50_ms,"
        + "seed_lag_p99_ms,seed_lag_max_ms";
  }

  String csv() {
    return String.join(
        ",",
        String.valueOf(campaigns),
        String.valueOf(replicas),
        String.valueOf(drain.toMillis()),
        String.valueOf(tickDelivery.toMillis()),
        String.valueOf(floor.total().toMillis()),
        String.valueOf(floor.publish().toMillis()),
        String.valueOf(floor.update().toMillis()),
        "%.2f".formatted(ratioToFloor()),
        String.valueOf(startLag.percentile(50).toMillis()),
        String.valueOf(startLag.percentile(99).toMillis()),
        String.valueOf(startLag.max().toMillis()),
        String.valueOf(claimLag.percentile(99).toMillis()),
        String.valueOf(seedDrain.toMillis()),
        String.valueOf(seedLag.percentile(50).toMillis()),
        String.valueOf(seedLag.percentile(99).toMillis()),
        String.valueOf(seedLag.max().toMillis()));
  }

  static String percentileHeader() {
    return "campaigns,replicas,percentile,lag_ms,seed_lag_ms";
  }

  /** Start lag and the seed's at each whole percentile, 1 to 100 (100 is the maximum). */
  List<String> percentileRows() {
    List<String> rows = new ArrayList<>();
    for (int p = 1; p <= 100; p++) {
      rows.add(
          "%d,%d,%d,%d,%d"
              .formatted(
                  campaigns,
                  replicas,
                  p,
                  startLag.percentile(p).toMillis(),
                  seedLag.percentile(p).toMillis()));
    }
    return rows;
  }
}
