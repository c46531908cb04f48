package com.voicecampaigns.simulator;

import java.time.Duration;

/**
 * Plivo's account limits, each off at zero.
 *
 * @param apiRequests API requests allowed per {@code apiWindow}; more in any window of that length
 *     answer 429 with Plivo's error JSON (Plivo: 300 per 5 s, Make Call included)
 * @param apiWindow the window of {@code apiRequests}
 * @param maxConcurrentCalls calls active (placed, not yet hung up) at once; a call over the limit
 *     fails at once, unrung, with hangup cause 5030 "Concurrency Limit Breached", as Plivo's India
 *     concurrency limit does (default there: 50)
 */
public record AccountLimits(int apiRequests, Duration apiWindow, int maxConcurrentCalls) {

  public AccountLimits {
    if (apiRequests < 0 || maxConcurrentCalls < 0) {
      throw new IllegalArgumentException("limits must be >= 0 (0 = no limit)");
    }
    Durations.requireNotNegative(apiWindow, "apiWindow");
    if (apiRequests > 0 && apiWindow.isZero()) {
      throw new IllegalArgumentException("an API request limit needs a positive window");
    }
  }

  public static AccountLimits none() {
    return new AccountLimits(0, Duration.ofSeconds(5), 0);
  }

  public AccountLimits withApiRequests(int apiRequests, Duration apiWindow) {
    return new AccountLimits(apiRequests, apiWindow, maxConcurrentCalls);
  }

  public AccountLimits withMaxConcurrentCalls(int maxConcurrentCalls) {
    return new AccountLimits(apiRequests, apiWindow, maxConcurrentCalls);
  }
}
