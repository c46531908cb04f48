package com.voicecampaigns.worker.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * The turns of a campaign at its share of the account's rate: one every {@code 1 / share}, on a
 * schedule of its own rather than counted from the last request, so the time each turn takes to
 * prepare (claiming the attempt, the checks) does not slow the campaign down. A campaign that fell
 * behind (it waited for a send slot, or had nothing to dial) catches up by one turn at most: it
 * never bursts.
 */
public final class ShareTurns {

  private Instant next;

  /** When the next turn is due at {@code share} calls per second; {@code now} when it is due. */
  public Instant next(double share, Instant now) {
    if (next == null || Double.isInfinite(share)) {
      return now;
    }
    return next.isAfter(now) ? next : now;
  }

  /** A turn was taken at {@code now}: the next is one interval after the turn it was due. */
  public void taken(double share, Instant now) {
    if (Double.isInfinite(share) || share <= 0) {
      next = now;
      return;
    }
    Duration interval = Duration.ofNanos((long) Math.ceil(1e9 / share));
    Instant due = next == null ? now : next;
    // at most one turn of catching up: a turn due longer ago than an interval counts from now
    Instant earliest = now.minus(interval);
    next = (due.isBefore(earliest) ? earliest : due).plus(interval);
  }
}
