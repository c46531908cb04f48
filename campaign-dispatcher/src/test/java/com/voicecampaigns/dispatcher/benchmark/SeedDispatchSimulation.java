package com.voicecampaigns.dispatcher.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

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
    int n = scheduledTimes.size();
    List<Instant> started = new ArrayList<>(java.util.Collections.nCopies(n, (Instant) null));
    Integer[] byTime =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparing(scheduledTimes::get))
            .toArray(Integer[]::new);
    TreeSet<Integer> due = new TreeSet<>(); // insertion order, as the seed's query returns them
    int next = 0;
    Instant tick = firstTick;
    while (next < n || !due.isEmpty()) {
      while (next < n && !scheduledTimes.get(byTime[next]).isAfter(tick)) {
        due.add(byTime[next++]);
      }
      for (int i = 0; i < perTick && !due.isEmpty(); i++) {
        started.set(due.pollFirst(), tick);
      }
      tick = tick.plus(interval);
    }
    return started;
  }
}
