package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Plivo's API request limit (300 per 5 s by default there): a sliding window over the requests
 * admitted, so no window of that length ever admits more than the limit. Refused requests do not
 * count.
 */
final class ApiRateLimiter {

  private final Deque<Long> admitted = new ArrayDeque<>();
  private int limit;
  private Duration window;

  ApiRateLimiter(int limit, Duration window) {
    change(limit, window);
  }

  /** True when one more request fits in the window ending now (and counts it). */
  synchronized boolean tryAcquire(long nowNanos) {
    if (limit == 0) {
      return true;
    }
    while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= window.toNanos()) {
      admitted.pollFirst();
    }
    if (admitted.size() >= limit) {
      return false;
    }
    admitted.addLast(nowNanos);
    return true;
  }

  /** {@code limit} requests per {@code window}; 0 turns the limit off. */
  synchronized void change(int limit, Duration window) {
    if (limit < 0 || (limit > 0 && (window == null || window.isNegative() || window.isZero()))) {
      throw new IllegalArgumentException("an API request limit needs a count >= 0 and a window");
    }
    this.limit = limit;
    this.window = window;
    admitted.clear();
  }

  synchronized int limit() {
    return limit;
  }

  synchronized Duration window() {
    return window;
  }
}
