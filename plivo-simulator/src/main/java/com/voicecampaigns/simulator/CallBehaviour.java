package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How placed calls play out.
 *
 * @param outcomes proportions of outcomes for numbers without a forced outcome
 * @param forcedOutcomes outcomes fixed per destination number (a leading '+' is ignored)
 * @param ringDelay from placing a call to its answer (or, when not answered, hangup) callback
 * @param callDuration how long an answered call lasts before its hangup callback
 */
public record CallBehaviour(
    OutcomeWeights outcomes,
    Map<String, CallOutcome> forcedOutcomes,
    Duration ringDelay,
    Duration callDuration) {

  public CallBehaviour {
    Objects.requireNonNull(outcomes, "outcomes");
    forcedOutcomes = Map.copyOf(forcedOutcomes);
    Durations.requireNotNegative(ringDelay, "ringDelay");
    Durations.requireNotNegative(callDuration, "callDuration");
  }

  /** Every call answered after 100 ms and hung up 2 s later. */
  public static CallBehaviour defaults() {
    return new CallBehaviour(
        OutcomeWeights.allAnswered(), Map.of(), Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  public CallBehaviour withOutcomes(OutcomeWeights outcomes) {
    return new CallBehaviour(outcomes, forcedOutcomes, ringDelay, callDuration);
  }

  public CallBehaviour withForcedOutcome(String number, CallOutcome outcome) {
    Map<String, CallOutcome> forced = new HashMap<>(forcedOutcomes);
    forced.put(number, outcome);
    return withForcedOutcomes(forced);
  }

  public CallBehaviour withForcedOutcomes(Map<String, CallOutcome> forcedOutcomes) {
    return new CallBehaviour(outcomes, forcedOutcomes, ringDelay, callDuration);
  }

  public CallBehaviour withRingDelay(Duration ringDelay) {
    return new CallBehaviour(outcomes, forcedOutcomes, ringDelay, callDuration);
  }

  public CallBehaviour withCallDuration(Duration callDuration) {
    return new CallBehaviour(outcomes, forcedOutcomes, ringDelay, callDuration);
  }
}
