package com.voicecampaigns.simulator;

/**
 * Calls placed and not yet hung up, against the account's concurrent call limit. A call that would
 * breach the limit is not admitted (it fails at once, unrung, as on Plivo).
 */
final class ActiveCalls {

  private int limit;
  private int active;
  private int highest;

  ActiveCalls(int limit) {
    limit(limit);
  }

  /** Counts one more active call, or answers false when that would breach the limit. */
  synchronized boolean admit() {
    if (limit > 0 && active >= limit) {
      return false;
    }
    active++;
    highest = Math.max(highest, active);
    return true;
  }

  synchronized void ended() {
    active = Math.max(0, active - 1);
  }

  /** The calls in progress were abandoned. */
  synchronized void clear() {
    active = 0;
    highest = 0;
  }

  synchronized void limit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("maxConcurrentCalls must be >= 0 (0 = no limit)");
    }
    this.limit = limit;
  }

  synchronized int limit() {
    return limit;
  }

  synchronized int active() {
    return active;
  }

  /** The most calls active at once since start (or the last clear). */
  synchronized int highest() {
    return highest;
  }
}
