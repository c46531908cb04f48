package com.voicecampaigns.simulator;

import java.time.Duration;

/**
 * How callbacks are delivered.
 *
 * @param timeout how long one callback request may take
 * @param hangupRetries how many times a failed hangup callback is retried
 * @param hangupRetryDelay the pause before each hangup retry
 */
public record CallbackPolicy(Duration timeout, int hangupRetries, Duration hangupRetryDelay) {

  public CallbackPolicy {
    Durations.requireNotNegative(timeout, "callbackTimeout");
    if (timeout.isZero()) {
      throw new IllegalArgumentException("callbackTimeout must be positive");
    }
    if (hangupRetries < 0) {
      throw new IllegalArgumentException("hangupRetries must be >= 0");
    }
    Durations.requireNotNegative(hangupRetryDelay, "hangupRetryDelay");
  }

  /** 5 s per callback, a failed hangup retried twice after 250 ms. */
  public static CallbackPolicy defaults() {
    return new CallbackPolicy(Duration.ofSeconds(5), 2, Duration.ofMillis(250));
  }
}
