package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every Make-Call request received, in order of receipt. */
final class CallRegistry {

  private final List<CallRecord> records = new ArrayList<>();
  private long lastSequence;

  /** Records what {@code factory} builds from the next sequence number, atomically. */
  synchronized CallRecord add(SequencedFactory factory) {
    CallRecord record = factory.create(++lastSequence);
    records.add(record);
    return record;
  }

  synchronized List<CallRecord> records() {
    return List.copyOf(records);
  }

  List<SimulatedCall> snapshot() {
    return records().stream().map(CallRecord::snapshot).toList();
  }

  synchronized int clear() {
    int cleared = records.size();
    records.clear();
    return cleared;
  }

  /**
   * The largest number of placed calls whose placement times ({@link System#nanoTime()}) fall in
   * one half-open window {@code [t, t + window)}.
   */
  int maxPlacedInAnyWindow(Duration window) {
    long[] placements =
        records().stream()
            .map(CallRecord::placement)
            .filter(java.util.Objects::nonNull)
            .mapToLong(Placement::nanos)
            .toArray();
    return maxInAnyWindow(placements, window.toNanos());
  }

  /** Sliding window over sorted timestamps; {@code timestamps} is sorted in place. */
  static int maxInAnyWindow(long[] timestamps, long windowNanos) {
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("window must be positive");
    }
    Arrays.sort(timestamps);
    int best = 0;
    int start = 0;
    for (int end = 0; end < timestamps.length; end++) {
      while (timestamps[end] - timestamps[start] >= windowNanos) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  @FunctionalInterface
  interface SequencedFactory {
    CallRecord create(long sequence);
  }
}
