package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API answers, apart from what it answers.
 *
 * @param latency how long Make Call takes to answer (the call is placed at once; the answer waits)
 * @param jitter each answer waits {@code latency} plus or minus up to this, uniformly (never below
 *     zero)
 * @param faultShares standing faults for a share of the requests
 * @param faultHold how long a {@code timeout} fault without a delay of its own holds the response
 * @param idleTimeout a keep-alive connection idle this long is closed by the server, as Node.js
 *     does after 5 s; zero keeps idle connections open
 */
public record ApiBehaviour(
    Duration latency,
    Duration jitter,
    FaultShares faultShares,
    Duration faultHold,
    Duration idleTimeout) {

  public ApiBehaviour {
    Durations.requireNotNegative(latency, "latency");
    Durations.requireNotNegative(jitter, "jitter");
    Objects.requireNonNull(faultShares, "faultShares");
    Durations.requireNotNegative(faultHold, "faultHold");
    Durations.requireNotNegative(idleTimeout, "idleTimeout");
  }

  /** Answers at once, no standing faults, timeouts held 60 s, idle connections kept. */
  public static ApiBehaviour defaults() {
    return new ApiBehaviour(
        Duration.ZERO, Duration.ZERO, FaultShares.none(), Duration.ofSeconds(60), Duration.ZERO);
  }

  public ApiBehaviour withLatency(Duration latency, Duration jitter) {
    return new ApiBehaviour(latency, jitter, faultShares, faultHold, idleTimeout);
  }

  public ApiBehaviour withFaultShares(FaultShares faultShares) {
    return new ApiBehaviour(latency, jitter, faultShares, faultHold, idleTimeout);
  }

  public ApiBehaviour withFaultHold(Duration faultHold) {
    return new ApiBehaviour(latency, jitter, faultShares, faultHold, idleTimeout);
  }

  public ApiBehaviour withIdleTimeout(Duration idleTimeout) {
    return new ApiBehaviour(latency, jitter, faultShares, faultHold, idleTimeout);
  }
}
