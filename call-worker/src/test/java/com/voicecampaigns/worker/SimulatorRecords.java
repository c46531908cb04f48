package com.voicecampaigns.worker;

import com.voicecampaigns.simulator.SimulatedCall;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Measurements over the simulator's records of Make-Call requests. */
public final class SimulatorRecords {

  private SimulatorRecords() {}

  /** The most accepted calls among {@code calls} received within any window of {@code window}. */
  public static int maxAcceptedInAnyWindow(Collection<SimulatedCall> calls, Duration window) {
    List<Long> times =
        calls.stream()
            .filter(SimulatedCall::accepted)
            .map(SimulatedCall::receivedNanos)
            .sorted()
            .toList();
    int max = 0;
    int first = 0;
    for (int last = 0; last < times.size(); last++) {
      while (times.get(last) - times.get(first) >= window.toNanos()) {
        first++;
      }
      max = Math.max(max, last - first + 1);
    }
    return max;
  }

  /** The most accepted calls that were live (received, not yet ended) at the same time. */
  public static int maxConcurrent(Collection<SimulatedCall> calls) {
    List<SimulatedCall> accepted = calls.stream().filter(SimulatedCall::accepted).toList();
    int max = 0;
    for (SimulatedCall call : accepted) {
      var at = call.receivedAt();
      int live = 0;
      for (SimulatedCall other : accepted) {
        boolean started = !other.receivedAt().isAfter(at);
        boolean notEnded = other.endedAt() == null || other.endedAt().isAfter(at);
        if (started && notEnded) {
          live++;
        }
      }
      max = Math.max(max, live);
    }
    return max;
  }
}
