package com.voicecampaigns.benchmark.dispatcher;

import com.voicecampaigns.benchmark.source.CsvTable;

/** One row of {@code dispatcher-benchmark.csv}: the median drain of one backlog by R replicas. */
record Drain(
    int campaigns,
    int replicas,
    double drainMillis,
    double floorMillis,
    double floorPublishMillis,
    double floorUpdateMillis,
    double lagP50,
    double lagP99,
    double lagMax,
    double seedDrainMillis,
    double seedLagP50,
    double seedLagP99) {

  static Drain of(CsvTable.Row row) {
    return new Drain(
        row.integer("campaigns"),
        row.integer("replicas"),
        row.number("drain_ms"),
        row.number("floor_ms"),
        row.number("floor_publish_ms"),
        row.number("floor_update_ms"),
        row.number("lag_p50_ms"),
        row.number("lag_p99_ms"),
        row.number("lag_max_ms"),
        row.number("seed_drain_ms"),
        row.number("seed_lag_p50_ms"),
        row.number("seed_lag_p99_ms"));
  }

  double ratioToFloor() {
    return drainMillis / floorMillis;
  }

  /** How many times faster than the seed's algorithm on the same input. */
  double speedUpOverSeed() {
    return seedDrainMillis / drainMillis;
  }
}
