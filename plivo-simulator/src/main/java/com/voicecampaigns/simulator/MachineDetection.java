package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which answered calls an answering machine picks up, when the Make-Call request asked for {@code
 * machine_detection} ({@code true} or {@code hangup}).
 *
 * @param share the proportion of answered calls (0 to 1) that are machines
 * @param numbers destination numbers always answered by a machine (a leading '+' is ignored)
 * @param delay from the answer to the machine-detection callback (asynchronous detection, with a
 *     {@code machine_detection_url}) or, with {@code hangup}, to the hang-up
 */
public record MachineDetection(double share, Set<String> numbers, Duration delay) {

  public MachineDetection {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("machine share must be between 0 and 1, got " + share);
    }
    TreeSet<String> normalized = new TreeSet<>();
    numbers.forEach(number -> normalized.add(OutcomePolicy.normalize(number)));
    numbers = Set.copyOf(normalized);
    Durations.requireNotNegative(delay, "machine detection delay");
  }

  /** No machines; detection takes 1 s. */
  public static MachineDetection none() {
    return new MachineDetection(0, Set.of(), Duration.ofSeconds(1));
  }

  public MachineDetection withShare(double share) {
    return new MachineDetection(share, numbers, delay);
  }

  public MachineDetection withNumbers(Set<String> numbers) {
    return new MachineDetection(share, numbers, delay);
  }

  public MachineDetection withDelay(Duration delay) {
    return new MachineDetection(share, numbers, delay);
  }
}
