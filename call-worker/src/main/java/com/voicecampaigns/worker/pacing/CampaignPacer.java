package com.voicecampaigns.worker.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A campaign's own {@code callsPerSecond}, kept in memory by the one worker that dials it (the
 * lease), on MongoDB's clock like the account's limits:
 *
 * <ul>
 *   <li>Spacing: a request goes at least {@code (1s + allowance) / callsPerSecond} after the
 *       previous one.
 *   <li>Window bound: with {@code N = max(1, floor(callsPerSecond))}, a request goes at least
 *       {@code 1s + allowance} after the request N before it was sent, so no one-second window
 *       holds more than N of the campaign's requests, however many are in flight.
 * </ul>
 *
 * A worker that takes over a campaign whose last request was started within the longest a request
 * can take plus that second starts as if N requests had just been sent (one second of waiting).
 */
public final class CampaignPacer {

  private final int permits;
  private final long intervalMicros;
  private final Duration cycle;
  private final Deque<Instant> sends = new ArrayDeque<>();

  /**
   * @param callsPerSecond the campaign's limit, {@code null} or not positive for none
   * @param lastSent when the campaign last started a Make-Call request, {@code null} if never
   */
  public CampaignPacer(
      Double callsPerSecond,
      Duration allowance,
      Instant lastSent,
      Duration maxRequestTime,
      Instant now) {
    this.cycle = Duration.ofSeconds(1).plus(allowance);
    boolean limited = callsPerSecond != null && callsPerSecond > 0;
    this.permits = limited ? Math.max(1, (int) Math.floor(callsPerSecond)) : 0;
    this.intervalMicros = limited ? (long) Math.ceil(cycle.toNanos() / 1_000d / callsPerSecond) : 0;
    if (limited && lastSent != null && lastSent.plus(maxRequestTime).plus(cycle).isAfter(now)) {
      for (int i = 0; i < permits; i++) {
        sends.add(now);
      }
    }
  }

  /** The calls per second the campaign's own limit lets it reach; infinite without one. */
  public double rate() {
    if (permits == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.min(1e6 / intervalMicros, permits / (cycle.toNanos() / 1e9));
  }

  /** The earliest time the campaign's next request may be sent. */
  public Instant nextAllowed() {
    if (permits == 0 || sends.isEmpty()) {
      return Instant.MIN;
    }
    Instant allowed = sends.peekLast().plus(intervalMicros, ChronoUnit.MICROS);
    if (sends.size() >= permits) {
      Instant windowFree = sends.peekFirst().plus(cycle);
      allowed = windowFree.isAfter(allowed) ? windowFree : allowed;
    }
    return allowed;
  }

  /** A request of the campaign is being sent at {@code at}. */
  public void sent(Instant at) {
    if (permits == 0) {
      return;
    }
    sends.addLast(at);
    while (sends.size() > permits) {
      sends.removeFirst();
    }
  }
}
