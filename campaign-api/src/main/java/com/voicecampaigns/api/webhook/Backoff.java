package com.voicecampaigns.api.webhook;

import java.time.Duration;

/**
 * The wait before the next attempt: {@code initial}, doubled after each failure, at most {@code
 * max}.
 */
record Backoff(Duration initial, Duration max) {

  /** The wait after {@code failures} failed attempts (1: the first one failed). */
  Duration after(int failures) {
    Duration wait = initial;
    for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
