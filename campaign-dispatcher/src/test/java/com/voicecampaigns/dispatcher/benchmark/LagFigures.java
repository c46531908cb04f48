package com.voicecampaigns.dispatcher.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Start lags ({@code startedAt - scheduledTime}) and their nearest-rank percentiles. */
record LagFigures(List<Duration> sorted) {

  static LagFigures of(List<Instant> scheduled, List<Instant> started) {
    List<Duration> lags = new ArrayList<>();
    for (int i = 0; i < scheduled.size(); i++) {
      lags.add(Duration.between(scheduled.get(i), started.get(i)));
    }
    Collections.sort(lags);
    return new LagFigures(List.copyOf(lags));
  }

  Duration percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  Duration max() {
    return sorted.get(sorted.size() - 1);
  }

  static String human(Duration d) {
    if (d.compareTo(Duration.ofSeconds(10)) < 0) {
      return d.toMillis() + " ms";
    }
    if (d.compareTo(Duration.ofMinutes(10)) < 0) {
      return String.format("%.1f s", d.toMillis() / 1000.0);
    }
    return String.format("%.1f h (%d min)", d.toMinutes() / 60.0, d.toMinutes());
  }
}
