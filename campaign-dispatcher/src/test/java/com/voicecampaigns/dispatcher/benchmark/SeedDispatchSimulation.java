package com.voicecampaigns.dispatcher.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's dispatch algorithm run on a virtual clock: Cloud Scheduler ticks once a minute, each
 * tick starts at most {@code perTick} due campaigns (MAX_CAMPAIGNS, 5), one after the other, in the
 * order MongoDB returns them (insertion order, the query has no sort). Starting a campaign takes no
 * time here, which is the seed's best case.
 */
final class SeedDispatchSimulation {

  private SeedDispatchSimulation() {}

  /**
   * Answers when each campaign starts, in input order, given the first tick at {@code firstTick}.
   */
  static List<Instant> startTimes(
      List<Instant> scheduledTimes, Instant firstTick, Duration interval, int perTick) {
    List<Instant> started = new ArrayList<>();
    scheduledTimes.forEach(t -> started.add(null));
    int remaining = scheduledTimes.size();
    Instant tick = firstTick;
    while (remaining > 0) {
      int startedThisTick = 0;
      for (int i = 0; i < scheduledTimes.size() && startedThisTick < perTick; i++) {
        if (started.get(i) == null && !scheduledTimes.get(i).isAfter(tick)) {
          started.set(i, tick);
          startedThisTick++;
          remaining--;
        }
      }
      tick = tick.plus(interval);
    }
    return started;
  }
}
